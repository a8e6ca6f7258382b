package io.cutover.distribution;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/**
 * The banned list ReleaseArchiveIT applies to lib/ is the enforcer's, and it recognises banned
 * jars.
 */
class BannedListTest {

  @Test
  void theListIsTheEnforcersAndHasItsEntries() throws Exception {
    BannedList banned = BannedList.fromParentPom();
    assertTrue(banned.patterns().contains("io.cutover:cutover-sandbox"), banned.toString());
    assertTrue(banned.patterns().contains("io.temporal:temporal-test-server"), banned.toString());
    assertTrue(banned.patterns().contains("org.junit*"), banned.toString());
  }

  @Test
  void bannedJarsAreFoundByTheirArchiveNames() throws Exception {
    BannedList banned = BannedList.fromParentPom();
    assertEquals(
        "org.apache.kafka:kafka_*", banned.banning("org.apache.kafka.kafka_2.13-4.0.2.jar"));
    assertEquals("org.scala-lang*", banned.banning("org.scala-lang.scala-library-2.13.15.jar"));
    assertEquals(
        "io.kroxylicious", banned.banning("io.kroxylicious.kroxylicious-runtime-0.12.0.jar"));
    assertEquals("org.junit*", banned.banning("org.junit.jupiter.junit-jupiter-api-5.14.0.jar"));
    assertEquals(
        "io.cutover:cutover-sandbox",
        banned.banning("io.cutover.cutover-sandbox-0.1.0-SNAPSHOT.jar"));
    assertEquals(
        "com.squareup.okhttp3:mockwebserver*",
        banned.banning("com.squareup.okhttp3.mockwebserver3-5.0.jar"));
  }

  @Test
  void whatTheCliNeedsIsNotBanned() throws Exception {
    BannedList banned = BannedList.fromParentPom();
    for (String jar :
        new String[] {
          "org.apache.kafka.kafka-clients-4.0.2.jar",
          "io.temporal.temporal-sdk-1.38.0.jar",
          "com.squareup.okhttp3.okhttp-4.12.0.jar",
          "io.cutover.cutover-cli-0.1.0-SNAPSHOT.jar",
          "io.fabric8.kubernetes-client-7.4.0.jar",
          "io.temporal.temporal-serviceclient-1.38.0.jar"
        }) {
      assertNull(banned.banning(jar), jar);
    }
  }
}
