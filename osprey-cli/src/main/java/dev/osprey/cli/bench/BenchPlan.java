package dev.osprey.cli.bench;

/**
 * What a workload run is made of.
 *
 * @param bucket the bucket the objects go to
 * @param prefix the key prefix of this run's objects, unique per run
 * @param concurrent how many threads (each with its own connection)
 * @param objects how many objects in all (each writer owns those with {@code i % concurrent ==
 *     writer})
 * @param size the object size, or for append the chunk size, in bytes
 */
record BenchPlan(String bucket, String prefix, int concurrent, int objects, int size) {

  /** How many objects writer {@code w} owns. */
  int ownedBy(int w) {
    return objects / concurrent + (w < objects % concurrent ? 1 : 0);
  }

  /** The key of writer {@code w}'s {@code j}-th object. */
  String key(int w, int j) {
    return prefix + "o" + (j * concurrent + w);
  }
}
