package dev.osprey.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code osprey admin ...}: RAM users, access keys and policies through the admin API on the
 * operators' listener, signed with the root key (read like the other client commands' keys).
 */
@Command(
    name = "admin",
    mixinStandardHelpOptions = true,
    description =
        "Manage RAM users, their access keys and policies; issue STS credentials (needs the root"
            + " key).",
    subcommands = {
      AdminCommand.User.class,
      AdminCommand.Key.class,
      AdminCommand.Policy.class,
      AdminCommand.Sts.class
    })
public final class AdminCommand {
  static final String DEFAULT_ADMIN_ENDPOINT = "http://127.0.0.1:9401";

  /** Where the admin API is, and with which root key to sign. */
  static final class AdminOptions {
    @Mixin ClientOptions client;

    @Option(
        names = "--admin-endpoint",
        description =
            "Operators' listener of the server (env OSPREY_ADMIN_ENDPOINT; default "
                + DEFAULT_ADMIN_ENDPOINT
                + ").")
    String adminEndpoint;

    int run(String method, String path, String body) throws Exception {
      AdminClient.Response r = call(method, path, body);
      (r.ok() ? System.out : System.err).print(r.json());
      return r.ok() ? 0 : 1;
    }

    AdminClient.Response call(String method, String path, String body) throws Exception {
      String ep = adminEndpoint;
      if (ep == null || ep.isBlank()) {
        ep = System.getenv("OSPREY_ADMIN_ENDPOINT");
      }
      if (ep == null || ep.isBlank()) {
        ep = DEFAULT_ADMIN_ENDPOINT;
      }
      String[] key = client.rootKey();
      return new AdminClient(ep, key[0], key[1], client.trustManagers()).call(method, path, body);
    }
  }

  @Command(
      name = "user",
      mixinStandardHelpOptions = true,
      description = "user create|delete|list [NAME]")
  static final class User implements Callable<Integer> {
    @Mixin AdminOptions admin;

    @Parameters(index = "0", description = "create, delete or list")
    String action;

    @Parameters(index = "1", arity = "0..1", description = "user name")
    String name;

    @Override
    public Integer call() throws Exception {
      return switch (action) {
        case "list" -> admin.run("GET", "users", null);
        case "create" -> admin.run("POST", "users/" + required(name), null);
        case "delete" -> admin.run("DELETE", "users/" + required(name), null);
        default -> usage(action);
      };
    }
  }

  @Command(
      name = "key",
      mixinStandardHelpOptions = true,
      description =
          "key create|delete|list USER [ACCESS_KEY_ID]; the secret is shown once, at create")
  static final class Key implements Callable<Integer> {
    @Mixin AdminOptions admin;

    @Parameters(index = "0", description = "create, delete or list")
    String action;

    @Parameters(index = "1", description = "user name")
    String user;

    @Parameters(index = "2", arity = "0..1", description = "access key id (delete)")
    String id;

    @Override
    public Integer call() throws Exception {
      String base = "users/" + user + "/keys";
      return switch (action) {
        case "list" -> admin.run("GET", base, null);
        case "create" -> admin.run("POST", base, null);
        case "delete" -> admin.run("DELETE", base + "/" + required(id), null);
        default -> usage(action);
      };
    }
  }

  @Command(
      name = "policy",
      mixinStandardHelpOptions = true,
      description = "policy put|get|delete USER NAME [FILE]")
  static final class Policy implements Callable<Integer> {
    @Mixin AdminOptions admin;

    @Parameters(index = "0", description = "put, get or delete")
    String action;

    @Parameters(index = "1", description = "user name")
    String user;

    @Parameters(index = "2", description = "policy name")
    String name;

    @Parameters(index = "3", arity = "0..1", description = "policy document (JSON file), for put")
    Path file;

    @Override
    public Integer call() throws Exception {
      String path = "users/" + user + "/policies/" + name;
      return switch (action) {
        case "get" -> admin.run("GET", path, null);
        case "delete" -> admin.run("DELETE", path, null);
        case "put" -> {
          if (file == null) {
            throw new IllegalArgumentException("policy put needs a FILE");
          }
          yield admin.run("PUT", path, Files.readString(file, StandardCharsets.UTF_8));
        }
        default -> usage(action);
      };
    }
  }

  @Command(
      name = "sts",
      mixinStandardHelpOptions = true,
      description =
          "sts assume USER [--policy FILE] [--duration 1h]: temporary credentials acting as USER")
  static final class Sts implements Callable<Integer> {
    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":\"([^\"]*)\"");

    @Mixin AdminOptions admin;

    @Parameters(index = "0", description = "assume")
    String action;

    @Parameters(index = "1", description = "user name")
    String user;

    @Option(
        names = "--policy",
        description = "Session policy (JSON file): the credentials get at most what it allows.")
    Path policy;

    @Option(
        names = "--duration",
        converter = DurationConverter.class,
        description = "How long they last: 900, 90s, 15m, 1h... (default 1h, at most 12h).")
    Duration duration = Duration.ofHours(1);

    @Override
    public Integer call() throws Exception {
      if (!action.equals("assume")) {
        return usage(action);
      }
      String body = policy == null ? null : Files.readString(policy, StandardCharsets.UTF_8);
      AdminClient.Response r =
          admin.call("POST", "users/" + user + "/sts/" + duration.toSeconds(), body);
      if (!r.ok()) {
        System.err.print(r.json());
        return 1;
      }
      System.out.print(describe(r.json()));
      return 0;
    }

    /** The four values, then lines a shell can eval (the SDKs' environment variable names). */
    static String describe(String json) {
      Map<String, String> f = new HashMap<>();
      Matcher m = FIELD.matcher(json);
      while (m.find()) {
        f.put(m.group(1), m.group(2));
      }
      return """
          AccessKeyId:     %1$s
          AccessKeySecret: %2$s
          SecurityToken:   %3$s
          Expiration:      %4$s

          export OSS_ACCESS_KEY_ID=%1$s
          export OSS_ACCESS_KEY_SECRET=%2$s
          export OSS_SESSION_TOKEN=%3$s
          """
          .formatted(
              f.get("AccessKeyId"),
              f.get("AccessKeySecret"),
              f.get("SecurityToken"),
              f.get("Expiration"));
    }
  }

  private static String required(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("missing argument");
    }
    return value;
  }

  private static int usage(String action) {
    System.err.println("unknown action " + action);
    return 2;
  }
}
