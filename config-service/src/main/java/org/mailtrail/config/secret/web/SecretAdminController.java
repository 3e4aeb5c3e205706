package org.mailtrail.config.secret.web;

import java.security.Principal;
import java.util.List;

import org.mailtrail.config.secret.domain.ReEncryption;
import org.mailtrail.config.secret.domain.SecretCipher;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/secrets")
@Tag(name = "Secrets", description = "The master keyset (key ids only) and re-encryption after a key rotation")
@SecurityRequirement(name = "bearer")
class SecretAdminController {

    /** The keyset as an operator may see it: ids and states, never material. */
    record KeysetView(int primaryKeyId, List<SecretCipher.KeyInfo> keys) {
    }

    private final SecretCipher cipher;
    private final ReEncryption reEncryption;

    SecretAdminController(SecretCipher cipher, ReEncryption reEncryption) {
        this.cipher = cipher;
        this.reEncryption = reEncryption;
    }

    @GetMapping("/keyset")
    @Operation(summary = "The master keyset's key ids and which one is primary")
    KeysetView keyset() {
        return new KeysetView(cipher.primaryKeyId(), cipher.keys());
    }

    @PostMapping("/re-encrypt")
    @Operation(summary = "Reload the master keyset and re-encrypt every stored secret under its primary key",
            description = "Run after rotating the keyset (rotate-master-keyset). Secrets under the primary key already are left alone; 'failed' counts secrets whose key is no longer in the keyset. 503 when the keyset cannot be read again; the service then keeps the keyset it had.")
    ReEncryption.Report reEncrypt(Principal caller) {
        return reEncryption.run(caller.getName());
    }
}
