package org.mailtrail.ingestor;

import org.springframework.core.Ordered;
import org.springframework.test.annotation.DirtiesContext.HierarchyMode;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * {@code @DirtiesContext} for the outermost test class only. The annotation is inherited by {@code @Nested}
 * classes, which would close the context after every nested group, and every new context would start all the
 * stored connections again. An IT's context must still close when its class is done, so that its consumers
 * leave the ingestor's consumer group before the next IT starts its own.
 */
class ClosesContextAfterOutermostClass implements TestExecutionListener, Ordered {

    @Override
    public void afterTestClass(TestContext testContext) {
        if (testContext.getTestClass().getEnclosingClass() == null) {
            testContext.markApplicationContextDirty(HierarchyMode.EXHAUSTIVE);
        }
    }

    /** Where Spring's own DirtiesContextTestExecutionListener runs. */
    @Override
    public int getOrder() {
        return 3000;
    }
}
