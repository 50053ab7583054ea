package io.hearth.server.auth;

import io.hearth.runtime.workflow.FieldProblem;
import io.hearth.server.support.Hashing;
import io.hearth.server.support.Ids;
import io.hearth.server.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Owner set-up, sign-in sessions and API keys. Blocking; lookups are cached so requests rarely hit the database. */
@Service
public class AuthService {

    public static final Duration SESSION_LIFETIME = Duration.ofDays(14);
    private static final int MAX_NAME = 255;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");

    private final AuthRepository repository;
    private final Clock clock;
    private final PasswordEncoder passwords;
    private final Map<String, Principal> cache = new ConcurrentHashMap<>();
    // Checked against when the email is unknown, so that costs a full bcrypt comparison too.
    private final String unknownUserHash;

    /** Who a request acts as, and until when that holds. */
    public record Principal(User user, Optional<String> apiKeyId, Instant validUntil) {}

    @org.springframework.beans.factory.annotation.Autowired
    public AuthService(AuthRepository repository, Clock clock) {
        this(repository, clock, new BCryptPasswordEncoder(10));
    }

    AuthService(AuthRepository repository, Clock clock, PasswordEncoder passwords) {
        this.repository = repository;
        this.clock = clock;
        this.passwords = passwords;
        this.unknownUserHash = passwords.encode(Ids.newToken(16));
    }

    public boolean setupRequired() {
        return repository.userCount() == 0;
    }

    /** Creates the owner; only while no user exists. */
    public synchronized User setupOwner(String email, String password, String name) {
        if (!setupRequired()) {
            throw new ApiException(HttpStatus.CONFLICT, "The owner account already exists; sign in instead");
        }
        List<FieldProblem> problems = new ArrayList<>();
        if (email == null || !EMAIL.matcher(email).matches()) {
            problems.add(new FieldProblem("email", "must be an email address"));
        } else if (email.strip().length() > 254) {
            problems.add(new FieldProblem("email", "must be at most 254 characters"));
        }
        if (name != null && name.strip().length() > MAX_NAME) {
            problems.add(new FieldProblem("name", "must be at most " + MAX_NAME + " characters"));
        }
        PasswordPolicy.problem(password).ifPresent(problems::add);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        User user = new User(
                Ids.newId(),
                email.strip().toLowerCase(Locale.ROOT),
                name == null || name.isBlank() ? email.strip() : name.strip(),
                "owner",
                clock.instant());
        try {
            repository.insertUser(user, passwords.encode(password));
        } catch (org.springframework.dao.DuplicateKeyException e) {
            // Another instance on the same database created it between the check and the insert.
            throw new ApiException(HttpStatus.CONFLICT, "The owner account already exists; sign in instead");
        }
        return user;
    }

    /**
     * The user with this email and password. An unknown email costs the same password check as a known one, so the
     * answer's timing does not tell which emails have accounts.
     */
    public User login(String email, String password) {
        var found =
                email == null ? Optional.<AuthRepository.UserWithHash>empty() : repository.userByEmail(email.strip());
        String given = password == null ? "" : password;
        boolean matches = passwords.matches(
                given, found.map(AuthRepository.UserWithHash::passwordHash).orElse(unknownUserHash));
        if (found.isEmpty() || !matches) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "Wrong email or password");
        }
        return found.get().user();
    }

    /** A new session token (the cookie value); only its hash is stored. */
    public String newSession(User user) {
        String token = Ids.newToken(32);
        Instant now = clock.instant();
        repository.insertSession(Hashing.sha256(token), user.id(), now, now.plus(SESSION_LIFETIME));
        return token;
    }

    public void logout(String token) {
        String hash = Hashing.sha256(token);
        cache.remove("s:" + hash);
        repository.deleteSession(hash);
    }

    public Optional<Principal> cachedSession(String token) {
        return valid(cache.get("s:" + Hashing.sha256(token)));
    }

    public Optional<Principal> session(String token) {
        String hash = Hashing.sha256(token);
        Optional<Principal> cached = valid(cache.get("s:" + hash));
        if (cached.isPresent()) {
            return cached;
        }
        Optional<Principal> p = repository
                .session(hash)
                .filter(s -> s.expiresAt().isAfter(clock.instant()))
                .flatMap(s -> repository
                        .user(s.userId())
                        .map(u -> new Principal(u, Optional.empty(), earlier(s.expiresAt(), recheckAt()))));
        p.ifPresent(x -> cache.put("s:" + hash, x));
        return p;
    }

    public Optional<Principal> cachedApiKey(String key) {
        return valid(cache.get("k:" + Hashing.sha256(key)));
    }

    public Optional<Principal> apiKey(String key) {
        String hash = Hashing.sha256(key);
        Optional<Principal> cached = valid(cache.get("k:" + hash));
        if (cached.isPresent()) {
            return cached;
        }
        Optional<Principal> p = repository.apiKeyByHash(hash).flatMap(k -> {
            repository.touchApiKey(k.id(), clock.instant());
            // Re-checked every minute so a deleted key stops working quickly.
            return repository.user(k.userId()).map(u -> new Principal(u, Optional.of(k.id()), recheckAt()));
        });
        p.ifPresent(x -> cache.put("k:" + hash, x));
        return p;
    }

    /** Cached principals are re-read this often, so a session revoked or a key deleted on another instance stops. */
    private Instant recheckAt() {
        return clock.instant().plusSeconds(60);
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** A signed-in session as its owner sees it; the id is the stored hash of its token. */
    public record SessionInfo(String id, Instant createdAt, Instant expiresAt, boolean current) {}

    public List<SessionInfo> sessions(User user, Optional<String> currentToken) {
        Optional<String> current = currentToken.map(Hashing::sha256);
        return repository.sessions(user.id()).stream()
                .filter(s -> s.expiresAt().isAfter(clock.instant()))
                .map(s -> new SessionInfo(
                        s.tokenHash(),
                        s.createdAt(),
                        s.expiresAt(),
                        current.filter(s.tokenHash()::equals).isPresent()))
                .toList();
    }

    /** Signs a session of this user out (another browser, a lost device). */
    public void revokeSession(User user, String id) {
        if (!repository.deleteSession(user.id(), id)) {
            throw ApiException.notFound("Session", id);
        }
        cache.remove("s:" + id);
    }

    /** Signs out every session of this user except {@code keepToken}'s; how many were ended. */
    public int revokeOtherSessions(User user, Optional<String> keepToken) {
        Optional<String> keep = keepToken.map(Hashing::sha256);
        int n = 0;
        for (AuthRepository.SessionRow s : repository.sessions(user.id())) {
            if (keep.filter(s.tokenHash()::equals).isEmpty() && repository.deleteSession(user.id(), s.tokenHash())) {
                cache.remove("s:" + s.tokenHash());
                n++;
            }
        }
        return n;
    }

    private Optional<Principal> valid(Principal p) {
        return p != null && p.validUntil().isAfter(clock.instant()) ? Optional.of(p) : Optional.empty();
    }

    public record CreatedKey(AuthRepository.ApiKey key, String secret) {}

    public CreatedKey createApiKey(User user, String label) {
        if (label == null || label.isBlank()) {
            throw ApiException.invalid(List.of(new FieldProblem("label", "required")));
        }
        if (label.strip().length() > MAX_NAME) {
            throw ApiException.invalid(
                    List.of(new FieldProblem("label", "must be at most " + MAX_NAME + " characters")));
        }
        String secret = "hk_" + Ids.newToken(24);
        AuthRepository.ApiKey key =
                new AuthRepository.ApiKey(Ids.newId(), user.id(), label.strip(), clock.instant(), Optional.empty());
        repository.insertApiKey(key, Hashing.sha256(secret));
        return new CreatedKey(key, secret);
    }

    public List<AuthRepository.ApiKey> apiKeys(User user) {
        return repository.apiKeys(user.id());
    }

    public void deleteApiKey(User user, String id) {
        if (!repository.deleteApiKey(user.id(), id)) {
            throw ApiException.notFound("API key", id);
        }
        cache.values().removeIf(p -> p.apiKeyId().filter(id::equals).isPresent());
    }

    /** Creates the owner from configuration on first start (unattended installs, tests). */
    public Optional<User> bootstrapOwner(String email, String password) {
        if (email == null || email.isBlank() || password == null || password.isBlank() || !setupRequired()) {
            return Optional.empty();
        }
        try {
            return Optional.of(setupOwner(email, password, "Owner"));
        } catch (ApiException e) {
            if (e.status() == HttpStatus.CONFLICT) {
                return Optional.empty(); // instances started together: one of them created it
            }
            throw e;
        }
    }
}
