package dev.osprey.bench;

import java.io.OutputStream;

/** Discards what is written: the benchmarks read bodies to the end without keeping them. */
final class OutputSink extends OutputStream {
  static final OutputSink INSTANCE = new OutputSink();

  @Override
  public void write(int b) {}

  @Override
  public void write(byte[] b, int off, int len) {}
}
