package org.mailtrail.config.issuer.store;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import org.mailtrail.config.secret.domain.EncryptedSecret;
import org.mailtrail.config.secret.domain.ReEncryptable;
import org.mailtrail.config.secret.domain.ReEncryptionResult;
import org.mailtrail.config.secret.domain.SecretCipher;
import org.mailtrail.config.secret.domain.SecretDecryptionException;
import org.mailtrail.config.secret.domain.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.util.Assert;

/**
 * The {@code issuer_authorizations} collection, so that an authorization code, a PKCE challenge or a refresh token
 * made by one replica is honoured by another. The authorization itself is stored Java-serialized and encrypted
 * under the master keyset, bound to its id; it is found by SHA-256 hashes of its state and tokens, never by their
 * values, so the collection holds nothing a caller could present. Semantics follow Spring Authorization Server's
 * JDBC service: save replaces by id, a lookup without a token type tries every kind.
 */
public class AuthorizationStore implements OAuth2AuthorizationService, ReEncryptable {

    private static final Logger log = LoggerFactory.getLogger(AuthorizationStore.class);
    static final String COLLECTION = "issuer_authorizations";

    /** An authorization with no token yet (none has been stored so far) is kept this long. */
    static final Duration WITHOUT_TOKENS = Duration.ofHours(1);

    private static final String STATE = "stateHash";
    private static final String CODE = "codeHash";
    private static final String ACCESS_TOKEN = "accessTokenHash";
    private static final String REFRESH_TOKEN = "refreshTokenHash";
    private static final String ID_TOKEN = "idTokenHash";
    private static final List<String> HASHES = List.of(STATE, CODE, ACCESS_TOKEN, REFRESH_TOKEN, ID_TOKEN);

    /**
     * What may come out of a stored authorization: the JDK's and Spring Security's types. The ciphertext cannot be
     * forged without the master keyset; this is the second line should it ever be.
     */
    private static final ObjectInputFilter ALLOWED = ObjectInputFilter.Config
            .createFilter("java.**;org.springframework.security.**;org.springframework.util.*;!*");

    record AuthorizationDocument(@Id String id, String registeredClientId, String principalName, String stateHash,
            String codeHash, String accessTokenHash, String refreshTokenHash, String idTokenHash, Instant expiresAt,
            byte[] data, int keyId) {
    }

    private final MongoTemplate mongo;
    private final SecretCipher cipher;
    private final Clock clock;

    public AuthorizationStore(MongoTemplate mongo, SecretCipher cipher, Clock clock) {
        this.mongo = mongo;
        this.cipher = cipher;
        this.clock = clock;
        HASHES.forEach(field -> mongo.indexOps(COLLECTION).createIndex(new Index().on(field, Sort.Direction.ASC)));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("expiresAt", Sort.Direction.ASC));
    }

    static String context(String id) {
        return "issuer-authorization:" + id;
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        Assert.notNull(authorization, "authorization cannot be null");
        EncryptedSecret data = cipher.encrypt(serialize(authorization), context(authorization.getId()));
        mongo.save(new AuthorizationDocument(authorization.getId(), authorization.getRegisteredClientId(),
                authorization.getPrincipalName(), stateHash(authorization.getAttribute(OAuth2ParameterNames.STATE)),
                hash(authorization.getToken(OAuth2AuthorizationCode.class)),
                hash(authorization.getToken(OAuth2AccessToken.class)),
                hash(authorization.getToken(OAuth2RefreshToken.class)), hash(authorization.getToken(OidcIdToken.class)),
                expiresAt(authorization), data.ciphertext(), data.keyId()), COLLECTION);
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        Assert.notNull(authorization, "authorization cannot be null");
        mongo.remove(query(where("_id").is(authorization.getId())), COLLECTION);
    }

    @Override
    public OAuth2Authorization findById(String id) {
        Assert.hasText(id, "id cannot be empty");
        return read(mongo.findById(id, AuthorizationDocument.class, COLLECTION));
    }

    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        Assert.hasText(token, "token cannot be empty");
        String hash = sha256(token);
        Criteria criteria;
        if (tokenType == null) {
            criteria = new Criteria().orOperator(HASHES.stream().map(field -> where(field).is(hash)).toList());
        } else {
            String field = field(tokenType);
            if (field == null) {
                return null;
            }
            criteria = where(field).is(hash);
        }
        return read(mongo.findOne(query(criteria), AuthorizationDocument.class, COLLECTION));
    }

    /** Deletes the authorizations whose every token has expired; answers how many. */
    public long deleteExpired() {
        return mongo.remove(query(where("expiresAt").lt(clock.instant())), COLLECTION).getDeletedCount();
    }

    private static String field(OAuth2TokenType type) {
        return switch (type.getValue()) {
            case OAuth2ParameterNames.STATE -> STATE;
            case OAuth2ParameterNames.CODE -> CODE;
            case OAuth2ParameterNames.ACCESS_TOKEN -> ACCESS_TOKEN;
            case OAuth2ParameterNames.REFRESH_TOKEN -> REFRESH_TOKEN;
            case OidcParameterNames.ID_TOKEN -> ID_TOKEN;
            // Device codes and token exchange are not offered by mailtrail's clients.
            default -> null;
        };
    }

    /** The latest expiry of the authorization's tokens: until then one of them may still be presented. */
    private Instant expiresAt(OAuth2Authorization authorization) {
        return Stream.of(OAuth2AuthorizationCode.class, OAuth2AccessToken.class, OAuth2RefreshToken.class,
                        OidcIdToken.class)
                .map(type -> authorization.getToken(type)).filter(Objects::nonNull)
                .map(token -> token.getToken().getExpiresAt()).filter(Objects::nonNull)
                .max(Instant::compareTo).orElseGet(() -> clock.instant().plus(WITHOUT_TOKENS));
    }

    private OAuth2Authorization read(AuthorizationDocument document) {
        if (document == null) {
            return null;
        }
        String data = cipher.decrypt(document.data(), context(document.id())).reveal();
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(data)))) {
            in.setObjectInputFilter(ALLOWED);
            return (OAuth2Authorization) in.readObject();
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            // A Spring Security upgrade can change the serialized form: the flow starts again, as after an expiry.
            log.warn("Issuer authorization {} cannot be read back ({}); treated as absent", document.id(), e.toString());
            return null;
        }
    }

    private static String serialize(OAuth2Authorization authorization) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(authorization);
        } catch (IOException e) {
            throw new UncheckedIOException("an authorization cannot be serialized", e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    private static String hash(OAuth2Authorization.Token<? extends OAuth2Token> token) {
        return token == null ? null : sha256(token.getToken().getTokenValue());
    }

    private static String stateHash(Object state) {
        return state instanceof String value ? sha256(value) : null;
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    @Override
    public ReEncryptionResult reEncrypt(Secrets secrets) {
        ReEncryptionResult result = ReEncryptionResult.NONE;
        for (AuthorizationDocument document : mongo.findAll(AuthorizationDocument.class, COLLECTION)) {
            if (document.keyId() == secrets.cipher().primaryKeyId()) {
                result = result.plus(new ReEncryptionResult(0, 1, 0));
                continue;
            }
            try {
                EncryptedSecret fresh = secrets.reEncrypt(new EncryptedSecret(document.data(), document.keyId()),
                        context(document.id()));
                mongo.updateFirst(query(where("_id").is(document.id()).and("keyId").is(document.keyId())),
                        new Update().set("data", fresh.ciphertext()).set("keyId", fresh.keyId()), COLLECTION);
                result = result.plus(new ReEncryptionResult(1, 0, 0));
            } catch (SecretDecryptionException e) {
                log.warn("Issuer authorization {} cannot be re-encrypted: {}", document.id(), e.getMessage());
                result = result.plus(new ReEncryptionResult(0, 0, 1));
            }
        }
        return result;
    }

    @Override
    public Set<Integer> keyIdsInUse() {
        return Set.copyOf(mongo.findDistinct(new Query(), "keyId", COLLECTION, Integer.class));
    }
}
