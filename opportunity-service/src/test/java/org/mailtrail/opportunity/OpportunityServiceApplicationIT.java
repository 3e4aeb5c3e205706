package org.mailtrail.opportunity;

import org.mailtrail.testsupport.ActuatorEndpointsContract;
import org.mailtrail.testsupport.IntegrationTest;

/** opportunity-service starts on the real broker and MongoDB server and serves what operators watch. */
@IntegrationTest
class OpportunityServiceApplicationIT implements ActuatorEndpointsContract {
}
