package io.hearth.nodes.homeassistant.client;

import io.hearth.node.credential.Secret;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;

/**
 * The access token a client sends. A long-lived token is used as it is. With "Sign in with Home
 * Assistant" the access token lives 30 minutes: it is refreshed when it expires within
 * {@code refreshMargin} and when Home Assistant refuses it (401). Refreshes are serialised: concurrent
 * callers share the one under way, and a caller whose refused token was already replaced gets the
 * replacement without another refresh. A refreshed access token is kept in memory only (the refresh
 * token stays valid, so nothing needs to be stored again).
 */
public final class HaTokens {

    private final HaAuth auth;
    private final HaSignInApi api;
    private final Duration refreshMargin;
    private final Clock clock;
    private final AtomicInteger refreshes = new AtomicInteger();

    // guarded by this
    private SignInTokens current;
    private Mono<SignInTokens> refreshing;

    HaTokens(HaAuth auth, HaSignInApi api, Duration refreshMargin, Clock clock) {
        this.auth = auth;
        this.api = api;
        this.refreshMargin = refreshMargin;
        this.clock = clock;
        this.current = auth instanceof HaAuth.SignIn s ? s.tokens() : null;
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
