package org.stellaops.attestor.api.keys;

import java.time.Instant;
import java.util.Objects;

/**
 * One started ceremony with a person's authenticator (registration of a security key, or approval of a signature):
 * the options to hand to the browser and the id to finish it with.
 *
 * @param id an unguessable id that finishes the ceremony, once
 * @param principal the authenticated principal who started it; only they may finish it
 * @param optionsJson the options for the browser ({@code PublicKeyCredentialCreationOptions} or
 *                    {@code PublicKeyCredentialRequestOptions} as WebAuthn JSON, binary members base64url)
 * @param expiresAt when the ceremony can no longer be finished
 */
public record Ceremony(String id, String principal, String optionsJson, Instant expiresAt) {
    /**
     * @param id not null
     * @param principal not null
     * @param optionsJson not null
     * @param expiresAt not null
     */
    public Ceremony {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(optionsJson, "optionsJson");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
