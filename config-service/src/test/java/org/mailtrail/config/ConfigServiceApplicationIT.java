package org.mailtrail.config;

import org.mailtrail.testsupport.ActuatorEndpointsContract;
import org.mailtrail.testsupport.IntegrationTest;

/** config-service starts on the real broker and MongoDB server and serves what operators watch. */
@IntegrationTest
class ConfigServiceApplicationIT implements ActuatorEndpointsContract {
}
