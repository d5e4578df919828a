package dev.osprey.protocol;

/** The {@code x-oss-object-type} of an object (spec §2.1). */
public enum ObjectType {
  NORMAL("Normal"),
  APPENDABLE("Appendable"),
  MULTIPART("Multipart"),
  SYMLINK("Symlink");

  private final String wireName;

  ObjectType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
