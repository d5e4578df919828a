package dev.osprey.server.handler;

import dev.osprey.protocol.ObjectType;
import dev.osprey.protocol.OssErrorCode;
import dev.osprey.protocol.OssException;
import dev.osprey.protocol.op.TailRead;
import dev.osprey.storage.ObjectRecord;
import dev.osprey.storage.ObjectRef;
import dev.osprey.storage.ObjectService;
import dev.osprey.storage.OpenObject;
import java.io.IOException;
import java.util.Objects;

/**
 * What a tail reader at {@code position} finds: the object opened as of now (one consistent view:
 * its length is that of the last acknowledged append), and what that means for the reader.
 *
 * @param state what to do
 * @param open the opened object when it exists (the caller closes it), else null
 */
record TailLook(State state, OpenObject open) {
  /** What the reader can do. */
  enum State {
    /** Bytes past the position exist. */
    BYTES,
    /** No bytes past the position, and the object takes appends: wait. */
    WAIT,
    /** Read to the end of an object that takes no more bytes (sealed, or not appendable). */
    END,
    /** There is no object. */
    ABSENT,
    /** Another object than the one waited on (another generation), or shorter than the position. */
    REPLACED
  }

  /**
   * Opens the object and compares it with {@code position}; {@code generation} is the blob id of
   * the object seen before (null when none was): any other means it was replaced.
   */
  static TailLook at(ObjectService storage, ObjectRef ref, long position, String generation) {
    OpenObject open;
    try {
      open = storage.openObject(ref.bucket(), ref.key());
    } catch (OssException e) {
      if (e.code() == OssErrorCode.NO_SUCH_KEY) {
        return new TailLook(State.ABSENT, null);
      }
      throw e;
    }
    ObjectRecord o = open.object();
    if (o.type() == ObjectType.SYMLINK) {
      closeQuietly(open);
      throw OssException.invalidArgument(
          "The live tail does not follow symlinks.", TailRead.POSITION, Long.toString(position));
    }
    if ((generation != null && !Objects.equals(generation, o.blobId())) || o.size() < position) {
      return new TailLook(State.REPLACED, open);
    }
    if (o.size() > position) {
      return new TailLook(State.BYTES, open);
    }
    boolean grows = o.type() == ObjectType.APPENDABLE && o.sealedTime() == null;
    return new TailLook(grows ? State.WAIT : State.END, open);
  }

  ObjectRecord object() {
    return open.object();
  }

  /** Closes the opened object, if any. */
  void close() {
    if (open != null) {
      closeQuietly(open);
    }
  }

  static void closeQuietly(OpenObject open) {
    try {
      open.close();
    } catch (IOException ignored) {
      // nothing was read from it that matters now
    }
  }
}
