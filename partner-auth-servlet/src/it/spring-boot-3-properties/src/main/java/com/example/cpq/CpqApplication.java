package com.example.cpq;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Spring Boot's defaults, its default security chain included; partner-auth configures itself. */
@SpringBootApplication
public class CpqApplication {
    public static void main(String[] args) {
        SpringApplication.run(CpqApplication.class, args);
    }
}
