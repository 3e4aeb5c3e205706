package org.mailtrail.ingestor;

import org.mailtrail.testsupport.ActuatorEndpointsContract;
import org.mailtrail.testsupport.IntegrationTest;

/** mail-ingestor starts on the real broker and MongoDB server and serves what operators watch. */
@IntegrationTest
class MailIngestorApplicationIT implements ActuatorEndpointsContract {
}
