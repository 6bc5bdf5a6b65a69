// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.csi.daemon;

import io.ascp.api.AscpException;
import io.ascp.api.ErrorCode;
import io.ascp.api.ServiceAccountToken;
import io.ascp.core.ParameterParser;
import java.util.Map;

/**
 * The service-account tokens the CSI driver passes in {@code
 * csi.storage.k8s.io/serviceAccount.tokens}, parsed with the reference provider's rules and
 * messages. No message ever contains a token or any other piece of the attribute.
 */
final class ServiceAccountTokens {
  private ServiceAccountTokens() {}

  /**
   * The tokens by audience. JSON {@code null} gives an empty map (the audience lookup fails later),
   * as in the reference.
   *
   * @throws AscpException ({@link ErrorCode#CREDENTIALS}) {@code CSI token error: …} when the
   *     attribute is empty or not a JSON object of token entries
   */
  static Map<String, ServiceAccountToken> parse(String tokensJson) {
    return ParameterParser.parseServiceAccountTokens(tokensJson);
  }

  /**
   * The token of {@code audience}.
   *
   * @param purpose the prefix of the message, {@code IRSA} or {@code Pod Identity}
   * @throws AscpException ({@link ErrorCode#CREDENTIALS}) {@code <purpose> token extraction failed:
   *     …} when the audience is missing or its token empty
   */
  static ServiceAccountToken require(
      Map<String, ServiceAccountToken> tokens, String audience, String purpose) {
    ServiceAccountToken token = tokens.get(audience);
    if (token == null) {
      throw new AscpException(
          ErrorCode.CREDENTIALS,
          purpose
              + " token extraction failed: token for audience \""
              + audience
              + "\" not found - ensure tokenRequests includes this audience in CSIDriver");
    }
    if (token.token().isEmpty()) {
      throw new AscpException(
          ErrorCode.CREDENTIALS,
          purpose + " token extraction failed: token for audience \"" + audience + "\" is empty");
    }
    return token;
  }
}
