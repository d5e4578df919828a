package dev.osprey.server;

import dev.osprey.auth.AuthRequest;
import dev.osprey.auth.AuthenticatorChain;
import dev.osprey.auth.Authorizer;
import dev.osprey.auth.Principal;
import dev.osprey.auth.RequestEnvironment;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.QueryParams;
import dev.osprey.protocol.op.BucketOperation;
import dev.osprey.protocol.op.ObjectOperation;
import dev.osprey.protocol.op.ObjectOperation.GetObject;
import dev.osprey.protocol.op.ObjectOperation.PutObject;
import dev.osprey.protocol.route.RoutedRequest;
import dev.osprey.protocol.route.Router;
import dev.osprey.server.api.IncomingRequest;
import dev.osprey.server.api.OssResponse;
import dev.osprey.server.api.RequestContext;
import dev.osprey.server.api.RequestProcessor;
import dev.osprey.server.handler.CorsHeaders;
import dev.osprey.server.handler.Dispatcher;
import dev.osprey.server.handler.RefererHandler;
import dev.osprey.storage.ObjectService;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request flow of ARCHITECTURE.md, in order: route (parse into a typed operation), authenticate
 * (who), authorize (may they), dispatch to the operation's handler. Any OssException on the way
 * becomes the OSS error response; anything else is logged and answered with InternalError.
 */
final class OssRequestProcessor implements RequestProcessor {
  private static final Logger log = LoggerFactory.getLogger(OssRequestProcessor.class);

  /**
   * The operation name in metrics for requests that never became an operation (bad path, bad
   * query).
   */
  static final String UNROUTED = "Unrouted";

  private final Router router;
  private final AuthenticatorChain authenticators;
  private final Authorizer authorizer;
  private final BucketPolicies bucketPolicies = new BucketPolicies();
  private final ObjectService storage;
  private final Dispatcher dispatcher;
  private final CorsHeaders cors;
  private final RefererHandler referers;
  private final ErrorResponses errors = new ErrorResponses();
  private final String region;
  private final String accountId;
  private final boolean secureTransport;

  OssRequestProcessor(
      Router router,
      AuthenticatorChain authenticators,
      ObjectService storage,
      Dispatcher dispatcher,
      ServerConfig config) {
    this.region = config.region();
    this.accountId = config.credentials().accountId();
    this.secureTransport = config.tls() != null;
    this.router = router;
    this.authenticators = authenticators;
    this.authorizer = new Authorizer();
    this.storage = storage;
    this.dispatcher = dispatcher;
    this.cors = new CorsHeaders(storage);
    this.referers = new RefererHandler(storage);
  }

  @Override
  public OssResponse process(IncomingRequest request) {
    return processAsync(request).join();
  }

  @Override
  public CompletableFuture<OssResponse> processAsync(IncomingRequest request) {
    String operation = UNROUTED;
    OssResponse.Subject subject = OssResponse.Subject.NONE;
    RoutedRequest known = null; // for the CORS headers of an error
    try {
      RoutedRequest routed = router.route(request.head());
      known = routed;
      operation = routed.operation().apiName();
      subject = new OssResponse.Subject(routed.bucket(), routed.key(), null);
      // A preflight is answered from the bucket's CORS rules alone, as OSS does: whatever
      // credentials it carries (the Java SDK's optionsObject signs it) are not looked at.
      Principal principal =
          routed.operation() instanceof BucketOperation.Options
              ? new Principal.Anonymous()
              : authenticators.authenticate(
                  new AuthRequest(request.head(), routed, request.received()));
      subject = new OssResponse.Subject(routed.bucket(), routed.key(), accessKeyId(principal));
      authorizer.authorize(
          principal,
          routed.operation(),
          new StorageAccessContext(storage, routed, environment(request), bucketPolicies));
      RequestContext.ObjectAccessCheck objectAccess =
          other -> authorizeObject(request, principal, other);
      if (refererChecked(principal, routed)) {
        referers.check(routed.bucket(), request.head().headers().get("referer"));
      }
      RequestContext.FormUploadCheck formUpload =
          (field, upload) -> authorizeFormUpload(request, field, upload);
      String name = operation;
      OssResponse.Subject who = subject;
      return dispatcher
          .dispatchAsync(new RequestContext(request, routed, principal, objectAccess, formUpload))
          .handle(
              (response, failure) ->
                  withCors(
                      (failure == null
                              ? response.operation(name)
                              : failed(unwrap(failure), request, name))
                          .subject(who),
                      request,
                      routed));
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(
          withCors(failed(e, request, operation).subject(subject), request, known));
    }
  }

  /**
   * A request from a browser page ({@code Origin}) gets the CORS headers of the bucket's matching
   * rule, on errors too, so the page can read the answer; a preflight has its own. Requests without
   * {@code Origin} pay nothing.
   */
  private OssResponse withCors(
      OssResponse response, IncomingRequest request, RoutedRequest routed) {
    String origin = request.head().headers().get("origin");
    if (origin == null
        || routed == null
        || routed.bucket() == null
        || routed.operation() instanceof BucketOperation.Options) {
      return response;
    }
    return cors.apply(response, routed.bucket(), origin, request.head().method());
  }

  /**
   * Hotlink protection applies to object reads that are anonymous or signed in the URL; a request
   * signed in its Authorization header is the owner's application, not a page linking to the object
   * (OSS's hotlink protection page).
   */
  private static boolean refererChecked(Principal principal, RoutedRequest routed) {
    boolean read =
        routed.operation() instanceof GetObject
            || routed.operation() instanceof ObjectOperation.HeadObject
            || routed.operation() instanceof ObjectOperation.GetObjectMeta;
    if (!read) {
      return false;
    }
    return principal instanceof Principal.Anonymous
        || routed.query().has("Signature")
        || routed.query().has("x-oss-signature");
  }

  /**
   * A form upload names its key and carries its credentials in the body: once the handler has read
   * them, they are checked as a PutObject of that key would be.
   */
  private Principal authorizeFormUpload(
      IncomingRequest request, Function<String, String> field, PutObject upload) {
    Principal principal = authenticators.authenticateForm(field, request.received());
    RoutedRequest asPut =
        new RoutedRequest(upload, upload.bucket(), upload.key(), QueryParams.EMPTY);
    authorizer.authorize(
        principal,
        upload,
        new StorageAccessContext(storage, asPut, environment(request), bucketPolicies));
    return principal;
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
  }

  /** An OssException becomes its OSS error; anything else is logged and answered InternalError. */
  private OssResponse failed(Throwable failure, IncomingRequest request, String operation) {
    String method = request.head().method();
    if (failure instanceof OssException e) {
      return errors
          .render(e, request.requestId(), method, request.head().host())
          .operation(operation);
    }
    OssException noSpace = storage.diskSpace().translate(failure);
    if (noSpace != null) {
      log.warn("Request {} {} refused: {}", method, request.requestId(), failure.toString());
      return errors
          .render(noSpace, request.requestId(), method, request.head().host())
          .operation(operation);
    }
    if (failure instanceof CancellationException) {
      // Work held for a client that went away (a live tail read): nobody will read the answer.
      log.debug(
          "Request {} {} ended: the client closed its connection", method, request.requestId());
    } else {
      log.error("Request {} {} failed", method, request.requestId(), failure);
    }
    return errors
        .render(internalError(failure), request.requestId(), method, request.head().host())
        .operation(operation);
  }

  /**
   * InternalError; when a disk I/O error caused it, the message says so (naming the exception's
   * kind, never a path).
   */
  private static OssException internalError(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
      if (t instanceof java.io.IOException) {
        return new OssException(
            OssErrorCode.INTERNAL_ERROR,
            "An I/O error on the server's disk stopped the request ("
                + t.getClass().getSimpleName()
                + "). Please try again.");
      }
    }
    return OssException.of(OssErrorCode.INTERNAL_ERROR);
  }

  /** The key that signed the request (the access log names it); null when anonymous. */
  private static String accessKeyId(Principal principal) {
    return switch (principal) {
      case Principal.Root r -> r.accessKeyId();
      case Principal.RamUser u -> u.accessKeyId();
      case Principal.Anonymous a -> null;
    };
  }

  /**
   * acs:SecureTransport is true exactly when the server serves HTTPS: the main listener then takes
   * nothing else.
   */
  private RequestEnvironment environment(IncomingRequest request) {
    return new RequestEnvironment(
        region,
        accountId,
        request.head().headers(),
        request.remoteAddress(),
        request.received(),
        secureTransport);
  }

  /**
   * An operation on another object than the one the request names, decided exactly as a request for
   * it would be (ACLs, bucket policy, RAM policies): CopyObject and UploadPartCopy read the object
   * named in a header ({@code oss:GetObject}, {@code oss:GetObjectVersion} for a version),
   * DeleteMultipleObjects deletes the keys named in its body ({@code oss:DeleteObject} each).
   */
  private void authorizeObject(IncomingRequest request, Principal principal, ObjectOperation op) {
    RoutedRequest other = new RoutedRequest(op, op.bucket(), op.key(), QueryParams.EMPTY);
    authorizer.authorize(
        principal,
        op,
        new StorageAccessContext(storage, other, environment(request), bucketPolicies));
  }

  @Override
  public OssResponse error(OssException error, String requestId, String method, String host) {
    return errors.render(error, requestId, method, host).operation(UNROUTED);
  }
}
