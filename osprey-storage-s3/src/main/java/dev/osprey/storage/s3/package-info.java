/** Object bytes in an S3-compatible store: each blob a set of immutable chunk objects. */
package dev.osprey.storage.s3;
