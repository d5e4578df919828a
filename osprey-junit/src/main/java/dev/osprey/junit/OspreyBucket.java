package dev.osprey.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a {@code String} parameter of a test method (or of its {@code @BeforeEach} and
 * {@code @AfterEach} methods): the name of an empty bucket made for this test alone, created before
 * it runs. Every parameter of one test names the same bucket; two tests never share one, which
 * keeps tests that run in parallel apart. Buckets are not deleted: they go with the server's
 * temporary directory.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OspreyBucket {}
