package org.mailtrail.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads YAML files and renders kustomize overlays with {@code kubectl kustomize}. */
public final class Manifests {

    private static final YAMLMapper YAML = new YAMLMapper();

    /** Every document of a (multi-document) YAML text, empty documents left out. */
    public static List<JsonNode> parse(String yaml) {
        List<JsonNode> documents = new ArrayList<>();
        try (JsonParser parser = YAML.createParser(yaml);
                MappingIterator<JsonNode> iterator = YAML.readValues(parser, JsonNode.class)) {
            while (iterator.hasNextValue()) {
                JsonNode document = iterator.nextValue();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            }
        }
        return documents;
    }

    public static JsonNode read(Path file) {
        List<JsonNode> documents = parse(text(file));
        if (documents.size() != 1) {
            throw new IllegalArgumentException(file + " holds " + documents.size() + " YAML documents, not one");
        }
        return documents.get(0);
    }

    public static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    /** Renders an overlay exactly as {@code kubectl apply -k} would. */
    public static List<JsonNode> kustomize(Path overlay) {
        try {
            Process process = new ProcessBuilder("kubectl", "kustomize", overlay.toString())
                    .redirectErrorStream(false).start();
            byte[] out = process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + overlay + " failed: " + err);
            }
            return parse(new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("kubectl is needed to render " + overlay
                    + " (kubectl kustomize); install kubectl and put it on the PATH", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Manifests() {
    }
}
