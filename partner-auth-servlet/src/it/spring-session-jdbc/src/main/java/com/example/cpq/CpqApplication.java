package com.example.cpq;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Spring Boot's defaults; Spring Session keeps the HTTP sessions in the DataSource, partner-auth its stores there too. */
@SpringBootApplication
public class CpqApplication {
    public static void main(String[] args) {
        SpringApplication.run(CpqApplication.class, args);
    }
}
