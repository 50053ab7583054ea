package io.hearth.nodes.homeassistant.client;

import io.hearth.node.credential.CredentialWriter;
import io.hearth.node.credential.Secret;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The access token a client sends. A long-lived token is used as it is. With "Sign in with Home
 * Assistant" the access token lives 30 minutes: it is refreshed when it expires within
 * {@code refreshMargin} and when Home Assistant refuses it (401). Refreshes are serialised: concurrent
 * callers share the one under way, and a caller whose refused token was already replaced gets the
 * replacement without another refresh. A refreshed access token is written back to the stored credential
 * (encrypted like every secret), unless the user changed its sign-in meanwhile, so that a restart does not
 * start from an expired one.
 */
public final class HaTokens {

    private static final Logger LOG = LoggerFactory.getLogger(HaTokens.class);

    private final HaAuth auth;
    private final HaSignInApi api;
    private final Duration refreshMargin;
    private final Clock clock;
    private final AtomicInteger refreshes = new AtomicInteger();

    // guarded by this
    private SignInTokens current;
    private String stored;
    private Mono<SignInTokens> refreshing;

    HaTokens(HaAuth auth, HaSignInApi api, Duration refreshMargin, Clock clock) {
        this.auth = auth;
        this.api = api;
        this.refreshMargin = refreshMargin;
        this.clock = clock;
        this.current = auth instanceof HaAuth.SignIn s ? s.tokens() : null;
        this.stored = auth instanceof HaAuth.SignIn s ? s.stored() : "";
    }

    /** Whether a refused token can be replaced (sign-in); a long-lived token cannot. */
    public boolean canRefresh() {
        return auth instanceof HaAuth.SignIn;
    }

    /** The token to send now (refreshing it first when it is due). */
    public Mono<Secret> current() {
        if (auth instanceof HaAuth.LongLivedToken t) {
            return Mono.just(t.token());
        }
        SignInTokens now;
        synchronized (this) {
            now = current;
        }
        return due(now) ? refreshAfter(now.accessToken()) : Mono.just(now.accessToken());
    }

    /**
     * A token to use instead of {@code refused}: the one another caller's refresh brought, or a new one
     * (one refresh at a time). Fails with "Sign in again" when Home Assistant no longer accepts the sign-in.
     */
    public Mono<Secret> refreshAfter(Secret refused) {
        if (auth instanceof HaAuth.LongLivedToken t) {
            return Mono.just(t.token());
        }
        return Mono.defer(() -> {
            Mono<SignInTokens> shared;
            synchronized (this) {
                if (!current.accessToken().reveal().equals(refused.reveal()) && !due(current)) {
                    return Mono.just(current.accessToken());
                }
                if (refreshing == null) {
                    SignInTokens from = current;
                    refreshing = Mono.defer(() -> {
                                refreshes.incrementAndGet();
                                return api.refresh(from);
                            })
                            .flatMap(fresh -> writeBack(fresh).thenReturn(fresh))
                            .doOnNext(fresh -> {
                                synchronized (this) {
                                    current = fresh;
                                }
                            })
                            .doFinally(signal -> {
                                synchronized (this) {
                                    refreshing = null;
                                }
                            })
                            .cache();
                }
                shared = refreshing;
            }
            return shared.map(SignInTokens::accessToken);
        });
    }

    /**
     * Stores {@code fresh} in the credential if it still holds what this client read (or last wrote). A
     * failed write costs one refresh after a restart: it is logged, never the call's failure.
     */
    // identity with a sentinel instance is the intent
    @SuppressWarnings("ReferenceEquality")
    private Mono<Void> writeBack(SignInTokens fresh) {
        if (!(auth instanceof HaAuth.SignIn signIn) || signIn.writer() == CredentialWriter.NONE) {
            return Mono.empty();
        }
        String expected;
        synchronized (this) {
            expected = stored;
        }
        String value = fresh.toStored();
        return Mono.fromCallable(() -> signIn.writer().replace(HaConnectionSettings.SIGN_IN_FIELD, expected, value))
                .subscribeOn(Schedulers.boundedElastic())
                .doOnNext(written -> {
                    if (written) {
                        synchronized (this) {
                            stored = value;
                        }
                    } else {
                        LOG.debug("The Home Assistant sign-in changed meanwhile: the refreshed token is not stored");
                    }
                })
                .onErrorResume(e -> {
                    LOG.warn(
                            "Could not store the refreshed Home Assistant access token: {}",
                            e.getClass().getSimpleName());
                    return Mono.empty();
                })
                .then();
    }

    /** Refreshes done so far (tests). */
    public int refreshes() {
        return refreshes.get();
    }

    private boolean due(SignInTokens tokens) {
        return tokens.accessToken().isEmpty()
                || tokens.expiresAt()
                        .map(e -> !clock.instant().plus(refreshMargin).isBefore(e))
                        .orElse(false);
    }
}
