package dev.osprey.auth.policy;

/**
 * The condition keys Osprey supplies (spec §6). Keys are case-insensitive in RAM; the context map
 * of a {@link PolicyRequest} holds them lower-cased, as these constants are.
 */
public final class ConditionKeys {
  public static final String SOURCE_IP = "acs:sourceip";
  public static final String CURRENT_TIME = "acs:currenttime";
  public static final String SECURE_TRANSPORT = "acs:securetransport";
  public static final String USER_AGENT = "acs:useragent";
  public static final String ACCESS_ID = "acs:accessid";
  public static final String PREFIX = "oss:prefix";
  public static final String DELIMITER = "oss:delimiter";

  private ConditionKeys() {}
}
