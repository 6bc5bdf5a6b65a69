// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.daemon;

import io.ascp.api.MountParameters;
import java.util.Map;
import java.util.Optional;

/**
 * The parsing steps of a Mount that belong to ascp-core (its {@code ParameterParser}), called by
 * {@link MountHandler} in the reference provider's order. Every method throws {@link
 * io.ascp.api.AscpException} with the reference's message when the input is invalid.
 */
interface ParametersParser {
  /** The default file mode from the request's {@code permission} (decimal JSON, e.g. "420"). */
  int parsePermission(String permission);

  /**
   * The failover region from the {@code failoverRegion} attribute: empty when the attribute is
   * empty; an error when it equals the primary region.
   */
  Optional<String> failoverRegion(String primaryRegion, String failoverRegionAttribute);

  /** The {@code usePodIdentity} attribute: empty means false, else Go's boolean syntax. */
  boolean parseUsePodIdentity(String value);

  /** The parsed and validated parameters ({@code objects} and the rest) for one mount. */
  MountParameters parse(Map<String, String> attributes, String primaryRegion);
}
