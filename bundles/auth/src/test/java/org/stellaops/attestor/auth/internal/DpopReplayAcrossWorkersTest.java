package org.stellaops.attestor.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stellaops.attestor.auth.internal.AuthFixture.TARGET;
import static org.stellaops.attestor.auth.internal.AuthFixture.denied;
import static org.stellaops.attestor.auth.internal.AuthFixture.dpop;
import static org.stellaops.attestor.auth.internal.AuthFixture.principal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stellaops.attestor.auth.AuthResult;
import org.stellaops.attestor.sdk.jose.DpopProofs;
import org.stellaops.attestor.sdk.jose.Jwk;

/** Two workers (two authenticators) sharing one store catch a proof replayed from one to the other. */
class DpopReplayAcrossWorkersTest {

    @TempDir
    Path dir;
    AuthFixture fx;
    TokenFactory tokens;
    AuthComponent workerA;
    AuthComponent workerB;
    final Jwk client = Jwk.ofKeyPair(TokenFactory.ecPair("secp256r1"));

    @BeforeEach
    void setUp() {
        fx = new AuthFixture(dir);
        tokens = TokenFactory.ec("k1");
        workerA = fx.trusting(tokens, Map.of(), Map.of());
        workerB = fx.trusting(tokens, Map.of(), Map.of());
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private String token() {
        return tokens.token(fx.now(), c -> c.putObject("cnf").put("jkt", client.thumbprint()));
    }

    @Test
    void refusesAProofOnTheSecondWorkerThatTheFirstAccepted() {
        String token = token();
        String proof = DpopProofs.create(client, "POST", TARGET, token, null, fx.now(), "proof-1");
        principal(workerA.authenticate(dpop(token, proof)));
        denied(workerB.authenticate(dpop(token, proof)), 401, AuthCodes.DPOP_REPLAY);
    }

    @Test
    void acceptsExactlyOneOfManyConcurrentUsesOfOneProofAcrossWorkers() throws Exception {
        String token = token();
        String proof = DpopProofs.create(client, "POST", TARGET, token, null, fx.now(), "proof-2");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<AuthResult>> results = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            AuthComponent worker = i % 2 == 0 ? workerA : workerB;
            results.add(pool.submit(() -> {
                start.await();
                return worker.authenticate(dpop(token, proof));
            }));
        }
        start.countDown();
        int accepted = 0;
        for (Future<AuthResult> f : results) {
            AuthResult r = f.get(30, TimeUnit.SECONDS);
            if (r instanceof AuthResult.Authenticated) {
                accepted++;
            } else {
                denied(r, 401, AuthCodes.DPOP_REPLAY);
            }
        }
        pool.shutdown();
        assertEquals(1, accepted);
    }

    @Test
    void acceptsTheSameProofIdFromAnotherKey() {
        Jwk other = Jwk.ofKeyPair(TokenFactory.ecPair("secp256r1"));
        String tokenA = token();
        String tokenB = tokens.token(fx.now(), c -> c.putObject("cnf").put("jkt", other.thumbprint()));
        principal(workerA.authenticate(dpop(tokenA, DpopProofs.create(client, "POST", TARGET, tokenA, null, fx.now(),
                "same-id"))));
        principal(workerB.authenticate(dpop(tokenB, DpopProofs.create(other, "POST", TARGET, tokenB, null, fx.now(),
                "same-id"))));
    }
}
