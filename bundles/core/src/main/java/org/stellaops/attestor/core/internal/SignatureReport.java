package org.stellaops.attestor.core.internal;

import java.util.ArrayList;
import java.util.List;

import org.stellaops.attestor.core.service.VerificationReport.Check;
import org.stellaops.attestor.sdk.dsse.SignatureCheck;
import org.stellaops.attestor.store.TrustedKey;

/**
 * The signature lines of a verification report: one per signature made by a trusted key (counted, or refused by its
 * key version's lifecycle, with the reason and the time judged at), plus the {@code signers} summary. Signatures by
 * unknown keys are ignored (they neither help nor hurt).
 */
final class SignatureReport {

    private SignatureReport() {
    }

    static List<Check> checks(TrustRoots.Judged judged) {
        List<Check> checks = new ArrayList<>();
        List<Integer> ignored = new ArrayList<>();
        String when = (judged.trustedTime() ? "trusted signing time " : "verification time (no trusted time) ")
                + judged.signingTime();
        for (SignatureCheck check : judged.all().checks()) {
            String name = "signature[" + check.index() + "]";
            TrustedKey key = check.verifiedKeyId() == null ? null : judged.trust().keys().get(check.verifiedKeyId());
            String refusal = judged.refusals().get(check.index());
            if (key == null) {
                ignored.add(check.index());
            } else if (refusal == null) {
                checks.add(new Check(name, true, "verified with trusted key " + key.keyId() + " ("
                        + key.name() + " v" + key.version() + ") at " + when));
            } else {
                checks.add(new Check(name, false, "made by key " + key.keyId() + " (" + key.name() + " v"
                        + key.version() + "), which does not count at " + when + ": " + why(key, refusal)));
            }
        }
        boolean any = judged.counted().anyVerified();
        checks.add(new Check("signers", any, any
                ? judged.counted().verifiedKeyIds().size() + " distinct trusted signer(s)"
                        + (ignored.isEmpty() ? ""
                                : "; signatures " + ignored + " are not by a trusted key and were ignored")
                : "no signature verifies with a trusted key that counts"));
        return checks;
    }

    private static String why(TrustedKey key, String refusal) {
        return switch (refusal) {
            case TrustedKey.COMPROMISED -> "revoked for compromise from " + key.compromisedAt();
            case TrustedKey.REVOKED -> "revoked at " + key.revokedAt() + " (" + key.revocationReason() + ")";
            case TrustedKey.RETIRED -> "retired at " + key.retiredAt();
            case TrustedKey.NOT_YET_VALID -> "valid only from " + key.validFrom();
            default -> refusal;
        };
    }
}
