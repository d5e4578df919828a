package dev.osprey.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
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
    description = "Manage RAM users, their access keys and policies (needs the root key).",
    subcommands = {AdminCommand.User.class, AdminCommand.Key.class, AdminCommand.Policy.class})
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
      String ep = adminEndpoint;
      if (ep == null || ep.isBlank()) {
        ep = System.getenv("OSPREY_ADMIN_ENDPOINT");
      }
      if (ep == null || ep.isBlank()) {
        ep = DEFAULT_ADMIN_ENDPOINT;
      }
      String[] key = client.rootKey();
      AdminClient.Response r = new AdminClient(ep, key[0], key[1]).call(method, path, body);
      (r.ok() ? System.out : System.err).print(r.json());
      return r.ok() ? 0 : 1;
    }
  }

  @Command(name = "user", description = "user create|delete|list [NAME]")
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

  @Command(name = "policy", description = "policy put|get|delete USER NAME [FILE]")
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
