package com.example.cpq;

import dev.partnerauth.servlet.PartnerAuthFilters;
import dev.partnerauth.servlet.spring.PartnerAuthSecurity;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

@Configuration
class SecurityConfig {
    // README:begin spring-security-chain
    @Bean
    SecurityFilterChain security(HttpSecurity http, PartnerAuthFilters partnerAuth) throws Exception {
        PartnerAuthSecurity.customizer(partnerAuth).customize(http); // Partner API, landing, partner in the SecurityContext, admin API
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/cpq/**").hasAnyRole("partner", "CPQ_USER")
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.realmName("CPQ"))
                .formLogin(Customizer.withDefaults());
        return http.build();
    }
    // README:end

    /** The host's own users: an administrator of partner-auth and a CPQ employee who is not one. */
    @Bean
    InMemoryUserDetailsManager users(@Value("${cpq.admin-password}") String adminPassword,
                                     @Value("${cpq.employee-password}") String employeePassword) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        return new InMemoryUserDetailsManager(
                User.withUsername("admin").password(encoder.encode(adminPassword)).roles("CPQ_ADMIN", "CPQ_USER").build(),
                User.withUsername("employee").password(encoder.encode(employeePassword)).roles("CPQ_USER").build());
    }
}
