package org.mailtrail.matcher;

import org.mailtrail.testsupport.ActuatorEndpointsContract;
import org.mailtrail.testsupport.IntegrationTest;

/** interaction-matcher starts on the real broker and MongoDB server and serves what operators watch. */
@IntegrationTest
class InteractionMatcherApplicationIT implements ActuatorEndpointsContract {
}
