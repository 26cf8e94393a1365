package dev.partnerauth.peer;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.ott.OneTimeTokenGenerationSuccessHandler;

/**
 * Spring Security's one-time-token login as a host would switch it on, the reference that our
 * sign-in plus redemption is measured against. Everything is Spring's default
 * ({@code InMemoryOneTimeTokenService}, {@code POST /ott/generate} with {@code username},
 * {@code POST /login/ott} with {@code token}, its success and failure handlers, its session) except
 * two things a load generator needs: generate answers the token as JSON instead of mailing it,
 * and CSRF is off, since a load generator has no form page to take a CSRF token from (this spares
 * Spring work, so the comparison leans in its favour).
 *
 * <p>Benchmark only: whoever reaches the port can sign in as any of its users, which is why it
 * binds to loopback ({@code application.properties}).
 */
@SpringBootApplication
public class SpringOttPeer {
    /** The same user ids that {@code HttpLoad} sends to the demo. */
    static final int USERS = 1000;

    public static void main(String[] args) {
        SpringApplication.run(SpringOttPeer.class, args);
    }

    @Bean
    SecurityFilterChain filterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .csrf(csrf -> csrf.disable())
                .oneTimeTokenLogin(ott -> ott.tokenGenerationSuccessHandler(tokenAsJson()));
        return http.build();
    }

    /** The login step loads the token's user, so every user the load generator names must exist. */
    @Bean
    UserDetailsService users() {
        List<UserDetails> users = new ArrayList<>(USERS);
        for (int i = 0; i < USERS; i++) {
            // a password nobody knows: there is no password login here, only one-time tokens
            users.add(User.withUsername("prm-user-" + i).password("{noop}" + UUID.randomUUID()).roles("USER").build());
        }
        return new InMemoryUserDetailsManager(users);
    }

    private static OneTimeTokenGenerationSuccessHandler tokenAsJson() {
        return (request, response, token) -> {
            // Spring's tokens are UUIDs, so nothing in them needs escaping in a JSON string
            byte[] body = ("{\"token\":\"" + token.getTokenValue() + "\"}").getBytes(StandardCharsets.UTF_8);
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType("application/json");
            response.setHeader("Cache-Control", "no-store");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        };
    }
}
