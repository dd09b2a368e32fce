package org.stellaops.attestor.core.internal;

import java.util.ArrayList;
import java.util.List;

import org.stellaops.attestor.core.service.VerificationReport.Check;
import org.stellaops.attestor.sdk.dsse.EnvelopeVerification;
import org.stellaops.attestor.sdk.dsse.SignatureCheck;

/**
 * The signature lines of a verification report: one per signature made by an active or revoked trusted key, plus
 * the {@code signers} summary. Signatures by unknown keys are ignored (they neither help nor hurt).
 */
final class SignatureReport {

    private SignatureReport() {
    }

    static List<Check> checks(EnvelopeVerification active, EnvelopeVerification revoked) {
        List<Check> checks = new ArrayList<>();
        List<Integer> ignored = new ArrayList<>();
        for (SignatureCheck check : active.checks()) {
            String name = "signature[" + check.index() + "]";
            String revokedBy = revoked.checks().get(check.index()).verifiedKeyId();
            if (check.verifiedKeyId() != null) {
                checks.add(new Check(name, true, "verified with trusted key " + check.verifiedKeyId()));
            } else if (revokedBy != null) {
                checks.add(new Check(name, false, "made by key " + revokedBy + ", which has been revoked"));
            } else {
                ignored.add(check.index());
            }
        }
        boolean any = active.anyVerified();
        checks.add(new Check("signers", any, any
                ? active.verifiedKeyIds().size() + " distinct trusted signer(s)"
                        + (ignored.isEmpty() ? ""
                                : "; signatures " + ignored + " are not by a trusted key and were ignored")
                : "no signature verifies with a trusted key"));
        return checks;
    }
}
