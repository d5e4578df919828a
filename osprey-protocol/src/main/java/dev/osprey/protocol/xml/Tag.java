package dev.osprey.protocol.xml;

/** One object tag. */
public record Tag(String key, String value) {}
