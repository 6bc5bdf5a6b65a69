// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.core;

import static java.util.Objects.requireNonNull;

import io.ascp.api.AddressPreference;
import io.ascp.api.AscpException;
import io.ascp.api.ErrorCode;
import io.ascp.api.MountParameters;
import io.ascp.api.PathTranslation;
import io.ascp.api.SecretObject;
import io.ascp.api.ServiceAccountToken;
import io.ascp.core.internal.GoJson;
import io.ascp.core.internal.GoJsonDecoder;
import io.ascp.core.internal.GoStrconv;
import io.ascp.core.internal.Messages;
import io.ascp.core.internal.ObjectsParser;
import io.ascp.core.internal.TokenClaims;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The parser of a mount request's parameters: the {@code SecretProviderClass} attributes and the
 * request's {@code permission}, with the reference provider's semantics, order of checks and error
 * messages.
 *
 * <p>Every method is a pure function of its arguments (no global state, no I/O) and fails only with
 * an {@link AscpException} of code {@link io.ascp.api.ErrorCode#INVALID_PARAMETERS}, whose message
 * is the reference's where the reference has one. Messages echo identifiers from the {@code
 * objects} YAML (object names, aliases, paths, types, permission strings, labels) and region names
 * as the reference does, with control characters escaped; they never echo token values, values of
 * attributes that are not read, values under unknown YAML keys, or the text of a syntax error (a
 * line and column are given instead).
 *
 * <p>Typical use, with the region already resolved:
 *
 * <pre>{@code
 * MountParameters parameters =
 *     ParameterParser.parse(
 *         Map.of(
 *             AttributeKeys.OBJECTS,
 *             "- objectName: MySecret\n  objectType: secretsmanager\n"),
 *         "us-east-1");
 * }</pre>
 */
public final class ParameterParser {
  private ParameterParser() {}

  /**
   * Decodes a Mount request's {@code attributes}: a JSON object of strings, as Go's {@code
   * json.Unmarshal} into {@code map[string]string} decodes it ({@code null} gives an empty map, a
   * {@code null} value an empty string, later duplicate keys win).
   *
   * @throws AscpException {@code INVALID_PARAMETERS}: {@code failed to unmarshal attributes, error:
   *     <Go's error>}, where a syntax error names the byte offset instead of quoting the input (the
   *     attributes carry tokens)
   */
  public static Map<String, String> parseAttributes(String json) {
    requireNonNull(json, "json");
    try {
      return GoJsonDecoder.decodeStringMap(json);
    } catch (GoJsonDecoder.DecodeException e) {
      throw Messages.invalid("failed to unmarshal attributes, error: " + e.getMessage());
    }
  }

  /**
   * Decodes the {@code csi.storage.k8s.io/serviceAccount.tokens} attribute: service-account tokens
   * by audience, with the reference provider's messages. JSON {@code null} gives an empty map (the
   * audience lookup fails later, as in the reference). No message contains any piece of the value.
   *
   * @throws AscpException {@code CREDENTIALS}: {@code CSI token error: … - ensure tokenRequests is
   *     configured in CSIDriver spec} when the attribute is empty or not a JSON object of token
   *     entries
   */
  public static Map<String, ServiceAccountToken> parseServiceAccountTokens(String json) {
    requireNonNull(json, "json");
    if (json.isEmpty()) {
      throw tokenError(
          "serviceAccount.tokens not provided - ensure tokenRequests is configured in CSIDriver");
    }
    Map<String, GoJsonDecoder.TokenEntry> entries;
    try {
      entries = GoJsonDecoder.decodeTokens(json);
    } catch (GoJsonDecoder.DecodeException e) {
      throw tokenError("failed to parse serviceAccount.tokens: " + e.getMessage());
    }
    Map<String, ServiceAccountToken> tokens = new TreeMap<>();
    entries.forEach(
        (audience, entry) ->
            tokens.put(
                audience,
                new ServiceAccountToken(
                    entry.token(),
                    entry.expirationTimestamp().isEmpty()
                        ? Optional.empty()
                        : Optional.of(entry.expirationTimestamp()))));
    return tokens;
  }

  /**
   * Checks that each service-account token was issued for the pod the request names: a
   * defense-in-depth check the reference provider lacks. Each token's claims are decoded, not
   * verified (STS and the Pod Identity agent verify signatures), and {@code sub} and the {@code
   * kubernetes.io} claims (namespace, service account, pod name and uid) are compared with the
   * attributes; a claim that is absent and an attribute that is empty are not compared, and a token
   * that is not a JWT is not checked (neither STS nor the agent would accept it). See
   * docs/security.md.
   *
   * @throws AscpException {@code CREDENTIALS}, {@code Service account token mismatch: …}, naming
   *     the audience, the claim and the attribute, never a token or a value
   */
  public static void checkServiceAccountTokenClaims(
      Map<String, ServiceAccountToken> tokens,
      String namespace,
      String serviceAccount,
      String podName,
      String podUid) {
    requireNonNull(tokens, "tokens");
    requireNonNull(namespace, "namespace");
    requireNonNull(serviceAccount, "serviceAccount");
    requireNonNull(podName, "podName");
    requireNonNull(podUid, "podUid");
    TokenClaims.check(tokens, namespace, serviceAccount, podName, podUid);
  }

  private static AscpException tokenError(String inner) {
    return new AscpException(
        ErrorCode.CREDENTIALS,
        "CSI token error: " + inner + " - ensure tokenRequests is configured in CSIDriver spec");
  }

  /**
   * Parses all parameters of a mount, in the reference's order: the failover region, {@code
   * usePodIdentity}, {@code preferredAddressType}, {@code pathTranslation}, then {@code objects}. A
   * missing attribute reads as the empty string. The {@code region} attribute is not read: the
   * caller resolves the primary region first (attribute, then {@code AWS_REGION}, then the node's
   * label), as the reference does before anything else.
   *
   * @param attributes the request's attributes (the {@code SecretProviderClass} parameters and the
   *     pod attributes)
   * @param primaryRegion the resolved primary region
   * @return the parsed parameters; {@code objects} may be empty
   * @throws AscpException {@code INVALID_PARAMETERS} with the first error, in the reference's order
   */
  public static MountParameters parse(Map<String, String> attributes, String primaryRegion) {
    requireNonNull(attributes, "attributes");
    requireNonNull(primaryRegion, "primaryRegion");
    if (primaryRegion.isEmpty()) {
      throw Messages.invalid(
          "No region: set the region parameter, or resolve the region before parsing");
    }
    Optional<String> failover =
        failoverRegion(primaryRegion, get(attributes, AttributeKeys.FAILOVER_REGION));
    boolean usePodIdentity = parseUsePodIdentity(get(attributes, AttributeKeys.USE_POD_IDENTITY));
    AddressPreference addressPreference =
        AddressPreference.fromParameterValue(get(attributes, AttributeKeys.PREFERRED_ADDRESS_TYPE));
    PathTranslation translation =
        parsePathTranslation(get(attributes, AttributeKeys.PATH_TRANSLATION));
    List<String> regions = new ArrayList<>(2);
    regions.add(primaryRegion);
    failover.ifPresent(regions::add);
    List<SecretObject> objects =
        parseObjects(get(attributes, AttributeKeys.OBJECTS), translation, regions);
    return new MountParameters(
        primaryRegion, failover, translation, usePodIdentity, addressPreference, objects);
  }

  /**
   * Checks all parameters as {@link #parse(Map, String)} does, in the same order and with the same
   * messages, when the primary region may be unknown, and returns the objects: the check of a
   * {@code SecretProviderClass} without mounting it (the command line's {@code validate}).
   *
   * <p>With a region this is {@code parse(attributes, region).objects()}. Without one, the two
   * checks that compare with the primary region are skipped: the region of an ARN in {@code
   * objectName} ({@code ARN region must match region …}) and a {@code failoverRegion} equal to the
   * primary region. A {@code failoverObject}'s ARN is still checked against {@code failoverRegion}.
   * The {@code region} attribute is not read here either: pass it as {@code primaryRegion}.
   *
   * @param attributes the {@code SecretProviderClass} parameters
   * @param primaryRegion the primary region, or empty when it is unknown
   * @return the parsed objects, in order
   * @throws AscpException {@code INVALID_PARAMETERS} with the first error, in the reference's order
   */
  public static List<SecretObject> parseObjects(
      Map<String, String> attributes, Optional<String> primaryRegion) {
    requireNonNull(attributes, "attributes");
    requireNonNull(primaryRegion, "primaryRegion");
    if (primaryRegion.isPresent()) {
      return parse(attributes, primaryRegion.get()).objects();
    }
    String failoverAttribute = get(attributes, AttributeKeys.FAILOVER_REGION);
    Optional<String> failover =
        failoverAttribute.isEmpty() ? Optional.empty() : Optional.of(failoverAttribute);
    parseUsePodIdentity(get(attributes, AttributeKeys.USE_POD_IDENTITY));
    PathTranslation translation =
        parsePathTranslation(get(attributes, AttributeKeys.PATH_TRANSLATION));
    return ObjectsParser.parse(
        get(attributes, AttributeKeys.OBJECTS), translation, Optional.empty(), failover);
  }

  private static String get(Map<String, String> attributes, String key) {
    return Objects.requireNonNullElse(attributes.get(key), "");
  }

  /**
   * Parses the request's {@code permission}: a JSON number (the CSI driver sends {@code "420"},
   * i.e. 0644) decoded as Go decodes it into an {@code os.FileMode}, an unsigned 32-bit integer.
   * JSON {@code null} gives 0, as in Go.
   *
   * @return the mode's 32 bits (use {@link Integer#toUnsignedLong} for values above {@code
   *     Integer.MAX_VALUE}); bits above 0777 are dropped, with a warning, when files are laid out
   *     ({@code io.ascp.api.MountRequest} takes at most 07777, so mask before building one)
   * @throws AscpException {@code INVALID_PARAMETERS}, {@code failed to unmarshal file permission,
   *     error: <err>} with Go's error text ({@code unexpected end of JSON input} for an empty
   *     string, {@code invalid character '6' after top-level value} for {@code "0644"}); a number
   *     that is negative, fractional or too large is reported without its digits
   */
  public static int parsePermission(String json) {
    requireNonNull(json, "json");
    String prefix = "failed to unmarshal file permission, error: ";
    Optional<String> syntaxError = GoJson.syntaxError(json);
    if (syntaxError.isPresent()) {
      throw Messages.invalid(prefix + syntaxError.get());
    }
    GoJson.Kind kind = GoJson.kindOf(json);
    if (kind == GoJson.Kind.NULL) {
      return 0;
    }
    if (kind == GoJson.Kind.NUMBER) {
      Optional<Integer> mode = unsigned32(json.strip());
      if (mode.isPresent()) {
        return mode.get();
      }
    }
    throw Messages.invalid(
        prefix + "json: cannot unmarshal " + kind.goName() + " into Go value of type fs.FileMode");
  }

  private static Optional<Integer> unsigned32(String digits) {
    if (digits.isEmpty() || digits.length() > 10) {
      return Optional.empty();
    }
    long value = 0;
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        return Optional.empty();
      }
      value = value * 10 + (c - '0');
    }
    return value > 0xffff_ffffL ? Optional.empty() : Optional.of((int) value);
  }

  /**
   * Checks the {@code failoverRegion} attribute against the primary region.
   *
   * @return the failover region, or empty when the attribute is empty
   * @throws AscpException {@code INVALID_PARAMETERS}, {@code <primary>: failover region cannot be
   *     the same as the primary region}, when both are equal
   */
  public static Optional<String> failoverRegion(
      String primaryRegion, String failoverRegionAttribute) {
    requireNonNull(primaryRegion, "primaryRegion");
    requireNonNull(failoverRegionAttribute, "failoverRegionAttribute");
    if (failoverRegionAttribute.isEmpty()) {
      return Optional.empty();
    }
    if (failoverRegionAttribute.equals(primaryRegion)) {
      throw Messages.invalid(
          Messages.echo(primaryRegion)
              + ": failover region cannot be the same as the primary region");
    }
    return Optional.of(failoverRegionAttribute);
  }

  /**
   * Parses {@code usePodIdentity}: empty means {@code false} (IRSA); otherwise exactly Go's {@code
   * strconv.ParseBool} set: {@code 1 t T TRUE true True} and {@code 0 f F FALSE false False}.
   *
   * @throws AscpException {@code INVALID_PARAMETERS}, {@code failed to parse usePodIdentity value,
   *     error: strconv.ParseBool: parsing "<v>": invalid syntax}, with the value quoted as Go
   *     quotes it
   */
  public static boolean parseUsePodIdentity(String value) {
    requireNonNull(value, "value");
    return switch (value) {
      case "", "0", "f", "F", "FALSE", "false", "False" -> false;
      case "1", "t", "T", "TRUE", "true", "True" -> true;
      default ->
          throw Messages.invalid(
              "failed to parse usePodIdentity value, error: strconv.ParseBool: parsing "
                  + GoStrconv.quote(value)
                  + ": invalid syntax");
    };
  }

  /**
   * Parses {@code pathTranslation}: empty means {@code _}; {@code False} in any letter case turns
   * translation off; otherwise exactly one byte, i.e. one ASCII character.
   *
   * @throws AscpException {@code INVALID_PARAMETERS}, {@code pathTranslation must be either 'False'
   *     or a single character string}
   */
  public static PathTranslation parsePathTranslation(String value) {
    requireNonNull(value, "value");
    if (value.isEmpty()) {
      return PathTranslation.DEFAULT;
    }
    if (isAsciiFalse(value)) {
      return PathTranslation.DISABLED;
    }
    if (value.length() != 1 || value.charAt(0) >= 0x80) {
      throw Messages.invalid("pathTranslation must be either 'False' or a single character string");
    }
    return PathTranslation.of(value.charAt(0));
  }

  /* Go's strings.ToLower(v) == "false": only ASCII letters lower-case to these. */
  private static boolean isAsciiFalse(String value) {
    if (value.length() != 5) {
      return false;
    }
    for (int i = 0; i < 5; i++) {
      char c = value.charAt(i);
      char lower = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
      if (lower != "false".charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Parses and validates {@code objects}: YAML 1.1 as go-yaml v2 reads it (JSON accepted), a list
   * of descriptors whose keys match case-insensitively, unknown keys ignored, scalars coerced to
   * strings; then the reference's checks in its order, then ascp-java's file-name checks (safe
   * relative paths, no collisions). An empty string, or YAML {@code null}, is zero objects.
   *
   * @param objectsYaml the {@code objects} attribute
   * @param translation the parsed {@code pathTranslation}
   * @param regions the primary region, then the failover region if any
   * @throws AscpException {@code INVALID_PARAMETERS} with the reference's message, or {@code Failed
   *     to load SecretProviderClass: <what and where>} when the YAML cannot be decoded
   */
  public static List<SecretObject> parseObjects(
      String objectsYaml, PathTranslation translation, List<String> regions) {
    requireNonNull(objectsYaml, "objectsYaml");
    requireNonNull(translation, "translation");
    List<String> checkedRegions = List.copyOf(regions);
    if (checkedRegions.isEmpty() || checkedRegions.size() > 2) {
      throw new IllegalArgumentException(
          "regions must hold the primary region and at most one failover region, got "
              + checkedRegions.size());
    }
    return ObjectsParser.parse(objectsYaml, translation, checkedRegions);
  }
}
