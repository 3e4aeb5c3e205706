package org.mailtrail.emulator.junit;

import java.util.function.Consumer;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.mailtrail.emulator.GraphEmulator;

/**
 * Starts a {@link GraphEmulator} for a test class and stops it afterwards.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final GraphEmulatorExtension graph = GraphEmulatorExtension.with(b -> b
 *         .tenant(TENANT).mailbox(MAILBOX).app(CLIENT_ID, SECRET, MAILBOX));
 * }</pre>
 *
 * Registered on a static field it lives for the class; on an instance field, for each test. Test methods and
 * lifecycle methods may also take the {@link GraphEmulator} as a parameter.
 */
public final class GraphEmulatorExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {

    private final GraphEmulator.Builder builder;
    private GraphEmulator emulator;
    private boolean perClass;

    private GraphEmulatorExtension(GraphEmulator.Builder builder) {
        this.builder = builder;
    }

    public static GraphEmulatorExtension with(Consumer<GraphEmulator.Builder> configuration) {
        GraphEmulator.Builder builder = GraphEmulator.builder();
        configuration.accept(builder);
        return new GraphEmulatorExtension(builder);
    }

    public static GraphEmulatorExtension of(GraphEmulator.Builder builder) {
        return new GraphEmulatorExtension(builder);
    }

    /** The running emulator. */
    public GraphEmulator emulator() {
        if (emulator == null) {
            throw new IllegalStateException("the graph emulator runs only while a test of its class runs");
        }
        return emulator;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        emulator = builder.build().start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            emulator = builder.build().start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            stop();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == GraphEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return emulator();
    }

    private void stop() {
        if (emulator != null) {
            emulator.stop();
            emulator = null;
        }
    }
}
