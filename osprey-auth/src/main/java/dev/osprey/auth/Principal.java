package dev.osprey.auth;

/** Who is asking, once authentication is done. RAM users and STS sessions join later. */
public sealed interface Principal {

  /** The account owner: the root access key. Full access to everything. */
  record Root(String accessKeyId) implements Principal {}

  /** No credentials at all: only what ACLs or bucket policies grant to everyone. */
  record Anonymous() implements Principal {}
}
