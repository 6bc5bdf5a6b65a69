// Copyright 2026 The ascp-java Authors. SPDX-License-Identifier: Apache-2.0
package io.ascp.testkit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP side of {@link AwsEmulator}: AWS JSON 1.1 for Secrets Manager and SSM, the AWS query
 * protocol for STS, and the EKS Pod Identity agent's credentials endpoint, over a {@link FakeAws}.
 *
 * <p>Implementation notes. Requests are dispatched on {@code X-Amz-Target} (JSON), the {@code
 * Action} form field (query) or {@code GET /v1/credentials} (agent). Signatures are not verified,
 * but a signed request must carry a SigV4 {@code Authorization} header whose credential scope names
 * the right service; its region selects the store's region and its access key the caller. Temporary
 * keys the emulator issued must come with their session token and expire on the store's clock. Each
 * response is released when the store's call completes (after injected latency) without holding a
 * server thread. Errors use AWS's shapes ({@code __type} and {@code message} in JSON, {@code
 * ErrorResponse} in XML) so the SDK raises its modelled exception classes.
 */
final class EmulatorHandler implements HttpHandler {
  static final String POD_IDENTITY_PATH = "/v1/credentials";

  private static final String JSON_TYPE = "application/x-amz-json-1.1";
  private static final String STS_NS = "https://sts.amazonaws.com/doc/2011-06-15/";
  private static final Pattern CREDENTIAL =
      Pattern.compile("Credential=([^/,\\s]+)/([0-9]{8})/([^/,\\s]+)/([^/,\\s]+)/aws4_request");
  private static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws:iam::[0-9]{12}:role/[\\w+=,.@/-]{1,512}");
  private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");

  private final FakeAws aws;
  private final String defaultRegion;
  private final Duration podIdentityLifetime;
  private final AtomicLong requestCounter = new AtomicLong();

  EmulatorHandler(FakeAws aws, String defaultRegion, Duration podIdentityLifetime) {
    this.aws = aws;
    this.defaultRegion = defaultRegion;
    this.podIdentityLifetime = podIdentityLifetime;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    String requestId =
        new UUID(0x5e5e_0000_0000_4000L, requestCounter.incrementAndGet()).toString();
    try {
      byte[] body = ex.getRequestBody().readAllBytes();
      String method = ex.getRequestMethod();
      String path = ex.getRequestURI().getPath();
      Headers h = ex.getRequestHeaders();
      if (method.equals("GET") && path.equals(POD_IDENTITY_PATH)) {
        podIdentity(ex, requestId);
      } else if (method.equals("POST") && h.getFirst("X-Amz-Target") != null) {
        json(ex, requestId, h.getFirst("X-Amz-Target"), body);
      } else if (method.equals("POST")) {
        query(ex, requestId, new String(body, StandardCharsets.UTF_8));
      } else {
        sendJsonError(
            ex,
            requestId,
            AwsError.of(
                "UnknownOperationException", 404, "No operation at " + method + " " + path));
      }
    } catch (RuntimeException e) {
      sendJsonError(
          ex,
          requestId,
          AwsError.of("InternalFailure", 500, "The ascp-java testkit emulator failed: " + e));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // AWS JSON 1.1: Secrets Manager and SSM

  // The stages returned by whenComplete are not needed: the callback itself answers the exchange.
  @SuppressWarnings("FutureReturnValueIgnored")
  private void json(HttpExchange ex, String requestId, String target, byte[] rawBody) {
    int dot = target.indexOf('.');
    String prefix = dot < 0 ? target : target.substring(0, dot);
    String name = dot < 0 ? "" : target.substring(dot + 1);
    AwsService service;
    if (prefix.equals("secretsmanager")) {
      service = AwsService.SECRETS_MANAGER;
    } else if (prefix.equals("AmazonSSM")) {
      service = AwsService.SSM;
    } else {
      sendJsonError(
          ex, requestId, AwsError.of("UnknownOperationException", 400, "Unknown target " + target));
      return;
    }
    Optional<AwsOperation> op = AwsOperation.of(service, name);
    if (op.isEmpty()) {
      sendJsonError(
          ex,
          requestId,
          AwsError.of(
              "UnknownOperationException",
              400,
              "The ascp-java testkit does not emulate " + target));
      return;
    }
    Optional<Signed> signed = signedContext(ex, requestId, service);
    if (signed.isEmpty()) {
      return;
    }
    FakeAws.CallContext call = signed.get().context();
    AwsOperation operation = op.get();
    Map<String, Object> in;
    try {
      in = Json.parseObject(new String(rawBody, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      sendJsonError(
          ex, requestId, AwsError.of("SerializationException", 400, "Malformed request body"));
      return;
    }
    String region = call.region();
    Optional<AwsError> rejection = signed.get().rejection();
    CompletableFuture<Map<String, Object>> result =
        rejection.isPresent()
            ? aws.call(call, operation, objectsOf(operation, in), inv -> reject(rejection.get()))
            : switch (operation) {
              case CREATE_SECRET ->
                  aws.call(call, operation, ids(in, "Name"), inv -> createSecret(region, in, inv));
              case PUT_SECRET_VALUE ->
                  aws.call(
                      call, operation, ids(in, "SecretId"), inv -> putSecretValue(region, in, inv));
              case GET_SECRET_VALUE ->
                  aws.call(
                      call, operation, ids(in, "SecretId"), inv -> getSecretValue(region, in, inv));
              case BATCH_GET_SECRET_VALUE ->
                  aws.call(
                      call,
                      operation,
                      strings(in, "SecretIdList"),
                      inv -> batchGetSecretValue(region, in, inv));
              case DESCRIBE_SECRET ->
                  aws.call(
                      call, operation, ids(in, "SecretId"), inv -> describeSecret(region, in, inv));
              case UPDATE_SECRET_VERSION_STAGE ->
                  aws.call(
                      call,
                      operation,
                      ids(in, "SecretId"),
                      inv -> updateSecretVersionStage(region, in, inv));
              case DELETE_SECRET ->
                  aws.call(
                      call, operation, ids(in, "SecretId"), inv -> deleteSecret(region, in, inv));
              case RESTORE_SECRET ->
                  aws.call(
                      call, operation, ids(in, "SecretId"), inv -> restoreSecret(region, in, inv));
              case PUT_PARAMETER ->
                  aws.call(call, operation, ids(in, "Name"), inv -> putParameter(region, in, inv));
              case GET_PARAMETER ->
                  aws.call(call, operation, ids(in, "Name"), inv -> getParameter(region, in, inv));
              case GET_PARAMETERS ->
                  aws.call(
                      call, operation, strings(in, "Names"), inv -> getParameters(region, in, inv));
              case LABEL_PARAMETER_VERSION ->
                  aws.call(
                      call,
                      operation,
                      ids(in, "Name"),
                      inv -> labelParameterVersion(region, in, inv));
              case DELETE_PARAMETER ->
                  aws.call(
                      call, operation, ids(in, "Name"), inv -> deleteParameter(region, in, inv));
              default -> throw new IllegalStateException("not a JSON operation: " + operation);
            };
    result.whenComplete(
        (out, error) -> {
          if (error == null) {
            send(ex, requestId, 200, JSON_TYPE, Json.write(out));
          } else if (error instanceof AwsException e) {
            sendJsonError(ex, requestId, e.error());
          } else {
            ex.close(); // a dropped connection: no response at all
          }
        });
  }

  private static Map<String, Object> reject(AwsError error) {
    throw new AwsException(error);
  }

  private static List<String> objectsOf(AwsOperation op, Map<String, Object> in) {
    return switch (op) {
      case CREATE_SECRET, PUT_PARAMETER, GET_PARAMETER, LABEL_PARAMETER_VERSION, DELETE_PARAMETER ->
          ids(in, "Name");
      case BATCH_GET_SECRET_VALUE -> strings(in, "SecretIdList");
      case GET_PARAMETERS -> strings(in, "Names");
      default -> ids(in, "SecretId");
    };
  }

  private Map<String, Object> createSecret(
      String region, Map<String, Object> in, FakeAws.Invocation inv) {
    SecretsManagerState.WriteResult r =
        aws.secretsState(region)
            .createSecret(
                inv.access(),
                inv.now(),
                required(in, "Name", "name"),
                string(in, "ClientRequestToken"),
                secretValue(in),
                string(in, "Description").orElse(""));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ARN", r.arn());
    out.put("Name", r.name());
    r.versionId().ifPresent(v -> out.put("VersionId", v));
    return out;
  }

  private Map<String, Object> putSecretValue(
      String region, Map<String, Object> in, FakeAws.Invocation inv) {
    SecretsManagerState.WriteResult r =
        aws.secretsState(region)
            .putSecretValue(
                inv.access(),
                inv.now(),
                required(in, "SecretId", "secretId"),
                string(in, "ClientRequestToken"),
                secretValue(in),
                strings(in, "VersionStages"));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ARN", r.arn());
    out.put("Name", r.name());
    r.versionId().ifPresent(v -> out.put("VersionId", v));
    out.put("VersionStages", new ArrayList<Object>(r.stages()));
    return out;
  }

  private Map<String, Object> getSecretValue(
      String region, Map<String, Object> in, FakeAws.Invocation inv) {
    return valueJson(
        aws.secretsState(region)
            .getSecretValue(
                inv.access(),
                inv.now(),
                required(in, "SecretId", "secretId"),
                string(in, "VersionId"),
                string(in, "VersionStage")));
  }

  private Map<String, Object> batchGetSecretValue(
      String region, Map<String, Object> in, FakeAws.Invocation inv) {
    boolean hasIds = in.containsKey("SecretIdList");
    boolean hasFilters = in.containsKey("Filters");
    if (hasIds && hasFilters) {
      throw AwsException.invalidParameter(
          "Either 'SecretIdList' or 'Filters' must be provided, but not both.");
    }
    if (hasFilters) {
      throw AwsException.invalidRequest(
          "The ascp-java testkit emulates BatchGetSecretValue with SecretIdList only, not"
              + " Filters.");
    }
    SecretsManagerState.BatchResult r =
        aws.secretsState(region)
            .batchGetSecretValue(
                inv.access(), inv.now(), strings(in, "SecretIdList"), inv.objectFault());
    List<Object> values = new ArrayList<>();
    r.values().forEach(v -> values.add(valueJson(v)));
    List<Object> errors = new ArrayList<>();
    for (SecretsManagerState.BatchError e : r.errors()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("SecretId", e.secretId());
      m.put("ErrorCode", e.errorCode());
      m.put("Message", e.message());
      errors.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("SecretValues", values);
    out.put("Errors", errors);
    return out;
  }

  private Map<String, Object> describeSecret(
      String region, Map<String, Object> in, FakeAws.Invocation inv) {
    SecretsManagerState.SecretView v =
        aws.secretsState(region)
            .describeSecret(inv.access(), inv.now(), required(in, "SecretId", "secretId"));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ARN", v.arn());
    out.put("Name", v.name());
    if (!v.description().isEmpty()) {
      out.put("Description", v.description());
    }
    out.put("LastChangedDate", epoch(v.lastChanged()));
    v.lastAccessed().ifPresent(d -> out.put("LastAccessedDate", epoch(d)));
    v.deletedDate().ifPresent(d -> out.put("DeletedDate", epoch(d)));
    Map<String, Object> stages = new LinkedHashMap<>();
    v.versionIdsToStages().forEach((k, s) -> stages.put(k, new ArrayList<Object>(s)));
    out.put("VersionIdsToStages", stages);
    out.put("CreatedDate", epoch(v.created()));
    return out;
  }

  private Map<String, Object> updateSecretVersionStage(
      String region, Map<String, Object> in, FakeAws.Invocation inv) {
    SecretsManagerState.WriteResult r =
        aws.secretsState(region)
            .updateSecretVersionStage(
                inv.access(),
                inv.now(),
                required(in, "SecretId", "secretId"),
                required(in, "VersionStage", "versionStage"),
                string(in, "MoveToVersionId"),
                string(in, "RemoveFromVersionId"));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ARN", r.arn());
    out.put("Name", r.name());
    return out;
  }

  private Map<String, Object> deleteSecret(
      String region, Map<String, Object> in, FakeAws.Invocation inv) {
    OptionalLong days = number(in, "RecoveryWindowInDays");
    SecretsManagerState.DeleteResult r =
        aws.secretsState(region)
            .deleteSecret(
                inv.access(),
                inv.now(),
                required(in, "SecretId", "secretId"),
                days.isPresent() ? OptionalInt.of((int) days.getAsLong()) : OptionalInt.empty(),
                Boolean.TRUE.equals(in.get("ForceDeleteWithoutRecovery")));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ARN", r.arn());
    out.put("Name", r.name());
    out.put("DeletionDate", epoch(r.deletionDate()));
    return out;
  }

  private Map<String, Object> restoreSecret(
      String region, Map<String, Object> in, FakeAws.Invocation inv) {
    SecretsManagerState.WriteResult r =
        aws.secretsState(region)
            .restoreSecret(inv.access(), inv.now(), required(in, "SecretId", "secretId"));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ARN", r.arn());
    out.put("Name", r.name());
    return out;
  }

  private Map<String, Object> putParameter(
      String region, Map<String, Object> in, FakeAws.Invocation inv) {
    Optional<String> typeName = string(in, "Type");
    Optional<ParameterType> type = typeName.flatMap(ParameterType::fromAwsName);
    if (typeName.isPresent() && type.isEmpty()) {
      throw AwsException.validation(
          "1 validation error detected: Value '"
              + typeName.get()
              + "' at 'type' failed to satisfy constraint: Member must satisfy enum value set:"
              + " [SecureString, StringList, String]");
    }
    ParameterStoreState.PutResult r =
        aws.parameterState(region)
            .putParameter(
                inv.access(),
                inv.now(),
                required(in, "Name", "name"),
                string(in, "Value"),
                type,
                Boolean.TRUE.equals(in.get("Overwrite")),
                string(in, "Tier"),
                string(in, "KeyId"));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("Version", BigDecimal.valueOf(r.version()));
    out.put("Tier", r.tier().awsName());
    return out;
  }

  private Map<String, Object> getParameters(
      String region, Map<String, Object> in, FakeAws.Invocation inv) {
    if (!in.containsKey("Names")) {
      throw AwsException.validation(
          "1 validation error detected: Value null at 'names' failed to satisfy constraint:"
              + " Member must not be null");
    }
    ParameterStoreState.GetParametersResult r =
        aws.parameterState(region)
            .getParameters(
                inv.access(),
                inv.now(),
                strings(in, "Names"),
                Boolean.TRUE.equals(in.get("WithDecryption")));
    List<Object> params = new ArrayList<>();
    r.parameters().forEach(p -> params.add(parameterJson(p)));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("Parameters", params);
    out.put("InvalidParameters", new ArrayList<Object>(r.invalidParameters()));
    return out;
  }

  private Map<String, Object> getParameter(
      String region, Map<String, Object> in, FakeAws.Invocation inv) {
    ParameterStoreState.ParameterView p =
        aws.parameterState(region)
            .getParameter(
                inv.access(),
                inv.now(),
                required(in, "Name", "name"),
                Boolean.TRUE.equals(in.get("WithDecryption")));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("Parameter", parameterJson(p));
    return out;
  }

  private Map<String, Object> labelParameterVersion(
      String region, Map<String, Object> in, FakeAws.Invocation inv) {
    ParameterStoreState.LabelResult r =
        aws.parameterState(region)
            .labelParameterVersion(
                inv.access(),
                inv.now(),
                required(in, "Name", "name"),
                number(in, "ParameterVersion"),
                strings(in, "Labels"));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("InvalidLabels", new ArrayList<Object>(r.invalidLabels()));
    out.put("ParameterVersion", BigDecimal.valueOf(r.version()));
    return out;
  }

  private Map<String, Object> deleteParameter(
      String region, Map<String, Object> in, FakeAws.Invocation inv) {
    aws.parameterState(region).deleteParameter(inv.access(), required(in, "Name", "name"));
    return new LinkedHashMap<>();
  }

  private static Map<String, Object> valueJson(SecretsManagerState.ValueView v) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ARN", v.arn());
    out.put("Name", v.name());
    out.put("VersionId", v.versionId());
    if (v.binary()) {
      out.put("SecretBinary", Base64.getEncoder().encodeToString(v.value()));
    } else {
      out.put("SecretString", new String(v.value(), StandardCharsets.UTF_8));
    }
    out.put("VersionStages", new ArrayList<Object>(v.stages()));
    out.put("CreatedDate", epoch(v.created()));
    return out;
  }

  private static Map<String, Object> parameterJson(ParameterStoreState.ParameterView p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Name", p.name());
    m.put("Type", p.type().awsName());
    m.put("Value", p.value());
    m.put("Version", BigDecimal.valueOf(p.version()));
    p.selector().ifPresent(s -> m.put("Selector", s));
    m.put("LastModifiedDate", epoch(p.lastModified()));
    m.put("ARN", p.arn());
    m.put("DataType", "text");
    return m;
  }

  private static Optional<SecretsManagerState.Value> secretValue(Map<String, Object> in) {
    Optional<String> string = string(in, "SecretString");
    Optional<String> binary = string(in, "SecretBinary");
    if (string.isPresent() && binary.isPresent()) {
      throw AwsException.invalidParameter(
          "You can't specify both a binary secret value and a string secret value in the same"
              + " secret.");
    }
    if (string.isPresent()) {
      return Optional.of(
          new SecretsManagerState.Value(string.get().getBytes(StandardCharsets.UTF_8), false));
    }
    if (binary.isPresent()) {
      try {
        return Optional.of(
            new SecretsManagerState.Value(Base64.getDecoder().decode(binary.get()), true));
      } catch (IllegalArgumentException e) {
        throw new AwsException("SerializationException", 400, "SecretBinary is not valid base64");
      }
    }
    return Optional.empty();
  }

  // ---------------------------------------------------------------------------------------------
  // Identity of a signed request

  /** The caller of a signed request, and why its credentials are refused, if they are. */
  private record Signed(FakeAws.CallContext context, Optional<AwsError> rejection) {}

  private Optional<Signed> signedContext(HttpExchange ex, String requestId, AwsService service) {
    Headers h = ex.getRequestHeaders();
    Optional<String> userAgent = Optional.ofNullable(h.getFirst("User-Agent"));
    Optional<Matcher> credential =
        Optional.ofNullable(h.getFirst("Authorization"))
            .map(CREDENTIAL::matcher)
            .filter(Matcher::find);
    if (credential.isEmpty()) {
      sendJsonError(
          ex,
          requestId,
          AwsError.of(
              "MissingAuthenticationTokenException",
              400,
              "Request is missing Authentication Token"));
      return Optional.empty();
    }
    Matcher m = credential.get();
    String accessKeyId = m.group(1);
    String region = m.group(3);
    if (!m.group(4).equals(service.signingName())) {
      sendJsonError(
          ex,
          requestId,
          AwsError.of(
              "InvalidSignatureException",
              400,
              "Credential should be scoped to correct service: '" + service.signingName() + "'. "));
      return Optional.empty();
    }
    try {
      FakeAws.checkRegion(region);
    } catch (IllegalArgumentException e) {
      sendJsonError(
          ex,
          requestId,
          AwsError.of(
              "InvalidSignatureException", 400, "Credential should be scoped to a valid region."));
      return Optional.empty();
    }
    Optional<AwsError> rejected =
        aws.locked(
            now -> {
              Optional<FakeIam.IssuedCredentials> issued = aws.iam().issued(accessKeyId);
              if (issued.isEmpty()) {
                return Optional.<AwsError>empty();
              }
              if (!issued.get().sessionToken().equals(h.getFirst("X-Amz-Security-Token"))) {
                return Optional.of(
                    AwsError.of(
                        "UnrecognizedClientException",
                        400,
                        "The security token included in the request is invalid."));
              }
              if (!now.isBefore(issued.get().expiration())) {
                return Optional.of(
                    AwsError.of(
                        "ExpiredTokenException",
                        400,
                        "The security token included in the request is expired"));
              }
              return Optional.<AwsError>empty();
            });
    Optional<FakeIam.IssuedCredentials> issued = aws.locked(now -> aws.iam().issued(accessKeyId));
    String principal = issued.map(FakeIam.IssuedCredentials::principal).orElse(accessKeyId);
    String display = issued.map(FakeIam.IssuedCredentials::displayArn).orElse(accessKeyId);
    return Optional.of(
        new Signed(
            new FakeAws.CallContext(
                region, principal, display, Optional.of(accessKeyId), userAgent),
            rejected));
  }

  // ---------------------------------------------------------------------------------------------
  // STS over the AWS query protocol

  @SuppressWarnings("FutureReturnValueIgnored") // the callback answers the exchange
  private void query(HttpExchange ex, String requestId, String body) {
    Map<String, String> form = parseForm(body);
    String action = form.getOrDefault("Action", "");
    if (!action.equals("AssumeRoleWithWebIdentity")) {
      sendXmlError(
          ex,
          requestId,
          AwsError.of(
              "InvalidAction",
              400,
              "Could not find operation " + action + " for version 2011-06-15"));
      return;
    }
    Headers h = ex.getRequestHeaders();
    String region =
        Optional.ofNullable(h.getFirst("Authorization"))
            .map(CREDENTIAL::matcher)
            .filter(Matcher::find)
            .map(m -> m.group(3))
            .orElse(defaultRegion);
    String token = form.getOrDefault("WebIdentityToken", "");
    Optional<Map<String, Object>> claims = FakeTokens.claims(token);
    String subject =
        claims.flatMap(c -> Optional.ofNullable(c.get("sub"))).map(String::valueOf).orElse("");
    String roleArn = form.getOrDefault("RoleArn", "");
    FakeAws.CallContext ctx =
        new FakeAws.CallContext(
            region,
            subject.isEmpty() ? "anonymous" : subject,
            subject.isEmpty() ? "anonymous" : subject,
            Optional.empty(),
            Optional.ofNullable(h.getFirst("User-Agent")));
    CompletableFuture<String> result =
        aws.call(
            ctx,
            AwsOperation.ASSUME_ROLE_WITH_WEB_IDENTITY,
            roleArn.isEmpty() ? List.of() : List.of(roleArn),
            inv -> assumeRoleWithWebIdentity(form, claims, subject, inv, requestId));
    result.whenComplete(
        (xml, error) -> {
          if (error == null) {
            send(ex, requestId, 200, "text/xml", xml);
          } else if (error instanceof AwsException e) {
            sendXmlError(ex, requestId, e.error());
          } else {
            ex.close();
          }
        });
  }

  private String assumeRoleWithWebIdentity(
      Map<String, String> form,
      Optional<Map<String, Object>> claims,
      String subject,
      FakeAws.Invocation inv,
      String requestId) {
    String roleArn = form.getOrDefault("RoleArn", "");
    String session = form.getOrDefault("RoleSessionName", "");
    if (!ROLE_ARN.matcher(roleArn).matches()) {
      throw new AwsException("ValidationError", 400, "Request ARN is invalid");
    }
    if (!SESSION_NAME.matcher(session).matches()) {
      throw new AwsException(
          "ValidationError",
          400,
          "1 validation error detected: Value at 'roleSessionName' failed to satisfy constraint:"
              + " Member must satisfy regular expression pattern: [\\w+=,.@-]*");
    }
    long duration;
    try {
      duration = Long.parseLong(form.getOrDefault("DurationSeconds", "3600"));
    } catch (NumberFormatException e) {
      duration = -1;
    }
    if (duration < 900 || duration > 43_200) {
      throw new AwsException(
          "ValidationError",
          400,
          "1 validation error detected: Value at 'durationSeconds' failed to satisfy constraint:"
              + " Member must have value between 900 and 43200");
    }
    if (claims.isEmpty() || subject.isEmpty()) {
      throw new AwsException(
          "InvalidIdentityToken",
          400,
          "The web identity token that was passed could not be validated by AWS. Get a new"
              + " identity token from the identity provider and then retry the request.");
    }
    Object exp = claims.get().get("exp");
    if (exp instanceof BigDecimal e && !inv.now().isBefore(Instant.ofEpochSecond(e.longValue()))) {
      throw new AwsException(
          "ExpiredTokenException",
          400,
          "The web identity token that was passed is expired or is not valid. Get a new identity"
              + " token from the identity provider and then retry the request.");
    }
    if (!aws.iam().trusts(roleArn, subject)) {
      throw new AwsException(
          "AccessDenied", 403, "Not authorized to perform sts:AssumeRoleWithWebIdentity");
    }
    Instant expiration = inv.now().plusSeconds(duration).truncatedTo(ChronoUnit.SECONDS);
    FakeIam.IssuedCredentials c = aws.iam().issue(aws.ids(), roleArn, session, expiration);
    String audience = Optional.ofNullable(claims.get().get("aud")).map(String::valueOf).orElse("");
    String issuer = Optional.ofNullable(claims.get().get("iss")).map(String::valueOf).orElse("");
    String roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
    return "<AssumeRoleWithWebIdentityResponse xmlns=\""
        + STS_NS
        + "\">\n  <AssumeRoleWithWebIdentityResult>\n"
        + "    <SubjectFromWebIdentityToken>"
        + xml(subject)
        + "</SubjectFromWebIdentityToken>\n"
        + "    <Audience>"
        + xml(audience)
        + "</Audience>\n"
        + "    <AssumedRoleUser>\n      <Arn>"
        + xml(c.displayArn())
        + "</Arn>\n      <AssumedRoleId>AROA"
        + xml(roleName.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", ""))
        + ":"
        + xml(session)
        + "</AssumedRoleId>\n    </AssumedRoleUser>\n"
        + "    <Credentials>\n      <SessionToken>"
        + xml(c.sessionToken())
        + "</SessionToken>\n      <SecretAccessKey>"
        + xml(c.secretAccessKey())
        + "</SecretAccessKey>\n      <Expiration>"
        + DateTimeFormatter.ISO_INSTANT.format(c.expiration())
        + "</Expiration>\n      <AccessKeyId>"
        + xml(c.accessKeyId())
        + "</AccessKeyId>\n    </Credentials>\n"
        + "    <Provider>"
        + xml(issuer)
        + "</Provider>\n  </AssumeRoleWithWebIdentityResult>\n"
        + "  <ResponseMetadata>\n    <RequestId>"
        + requestId
        + "</RequestId>\n  </ResponseMetadata>\n</AssumeRoleWithWebIdentityResponse>\n";
  }

  // ---------------------------------------------------------------------------------------------
  // EKS Pod Identity agent

  @SuppressWarnings("FutureReturnValueIgnored") // the callback answers the exchange
  private void podIdentity(HttpExchange ex, String requestId) {
    String token = Optional.ofNullable(ex.getRequestHeaders().getFirst("Authorization")).orElse("");
    Optional<Map<String, Object>> claims = FakeTokens.claims(token);
    String subject =
        claims.flatMap(c -> Optional.ofNullable(c.get("sub"))).map(String::valueOf).orElse("");
    FakeAws.CallContext ctx =
        new FakeAws.CallContext(
            defaultRegion,
            subject.isEmpty() ? "anonymous" : subject,
            subject.isEmpty() ? "anonymous" : subject,
            Optional.empty(),
            Optional.ofNullable(ex.getRequestHeaders().getFirst("User-Agent")));
    CompletableFuture<Map<String, Object>> result =
        aws.call(
            ctx,
            AwsOperation.POD_IDENTITY_CREDENTIALS,
            subject.isEmpty() ? List.of() : List.of(subject),
            inv -> podIdentityCredentials(token, claims, subject, inv));
    result.whenComplete(
        (out, error) -> {
          if (error == null) {
            send(ex, requestId, 200, "application/json", Json.write(out));
          } else if (error instanceof AwsException e) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("code", e.error().code());
            m.put("message", e.error().message());
            send(ex, requestId, e.error().httpStatus(), "application/json", Json.write(m));
          } else {
            ex.close();
          }
        });
  }

  private Map<String, Object> podIdentityCredentials(
      String token, Optional<Map<String, Object>> claims, String subject, FakeAws.Invocation inv) {
    if (token.isEmpty()) {
      throw new AwsException("InvalidTokenException", 400, "Service account token cannot be empty");
    }
    String prefix = "system:serviceaccount:";
    if (claims.isEmpty() || !subject.startsWith(prefix) || subject.split(":", -1).length != 4) {
      throw new AwsException(
          "InvalidTokenException", 400, "Service account token is not a valid JWT");
    }
    Object exp = claims.get().get("exp");
    if (exp instanceof BigDecimal e && !inv.now().isBefore(Instant.ofEpochSecond(e.longValue()))) {
      throw new AwsException("ExpiredTokenException", 400, "Service account token has expired");
    }
    String[] parts = subject.split(":", -1);
    String roleArn =
        aws.iam()
            .podIdentityRole(parts[2], parts[3])
            .orElseThrow(
                () ->
                    new AwsException(
                        "ResourceNotFoundException",
                        400,
                        "No Pod Identity association for service account "
                            + parts[2]
                            + "/"
                            + parts[3]));
    Instant expiration = inv.now().plus(podIdentityLifetime).truncatedTo(ChronoUnit.SECONDS);
    FakeIam.IssuedCredentials c =
        aws.iam().issue(aws.ids(), roleArn, "eks-" + parts[2] + "-" + parts[3], expiration);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("AccessKeyId", c.accessKeyId());
    out.put("SecretAccessKey", c.secretAccessKey());
    out.put("Token", c.sessionToken());
    out.put("AccountId", aws.accountId());
    out.put("Expiration", DateTimeFormatter.ISO_INSTANT.format(c.expiration()));
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Wire helpers

  private static void sendJsonError(HttpExchange ex, String requestId, AwsError error) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("__type", error.code());
    m.put("message", error.message());
    ex.getResponseHeaders().set("X-Amzn-ErrorType", error.code());
    send(ex, requestId, error.httpStatus(), JSON_TYPE, Json.write(m));
  }

  private static void sendXmlError(HttpExchange ex, String requestId, AwsError error) {
    String xml =
        "<ErrorResponse xmlns=\""
            + STS_NS
            + "\">\n  <Error>\n    <Type>"
            + (error.isClientFault() ? "Sender" : "Receiver")
            + "</Type>\n    <Code>"
            + xml(error.code())
            + "</Code>\n    <Message>"
            + xml(error.message())
            + "</Message>\n  </Error>\n  <RequestId>"
            + requestId
            + "</RequestId>\n</ErrorResponse>\n";
    send(ex, requestId, error.httpStatus(), "text/xml", xml);
  }

  private static void send(
      HttpExchange ex, String requestId, int status, String contentType, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    try (OutputStream out = ex.getResponseBody()) {
      ex.getResponseHeaders().set("Content-Type", contentType);
      ex.getResponseHeaders().set("x-amzn-RequestId", requestId);
      ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      out.write(bytes);
    } catch (IOException e) {
      // The client went away; nothing to answer.
    } finally {
      ex.close();
    }
  }

  private static Map<String, String> parseForm(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : body.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      form.put(
          URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return form;
  }

  private static String xml(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&apos;");
  }

  private static BigDecimal epoch(Instant instant) {
    return BigDecimal.valueOf(instant.toEpochMilli(), 3);
  }

  private static Optional<String> string(Map<String, Object> in, String key) {
    Object v = in.get(key);
    return v instanceof String s ? Optional.of(s) : Optional.empty();
  }

  private static String required(Map<String, Object> in, String key, String member) {
    return string(in, key)
        .orElseThrow(
            () ->
                AwsException.validation(
                    "1 validation error detected: Value null at '"
                        + member
                        + "' failed to satisfy constraint: Member must not be null"));
  }

  private static OptionalLong number(Map<String, Object> in, String key) {
    Object v = in.get(key);
    return v instanceof BigDecimal d ? OptionalLong.of(d.longValue()) : OptionalLong.empty();
  }

  private static List<String> strings(Map<String, Object> in, String key) {
    Object v = in.get(key);
    List<String> out = new ArrayList<>();
    if (v instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof String s) {
          out.add(s);
        }
      }
    }
    return out;
  }

  private static List<String> ids(Map<String, Object> in, String key) {
    return string(in, key).map(List::of).orElse(List.of());
  }
}
