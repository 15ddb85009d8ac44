package io.nubo.allinone;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code HealthProbe <url>}: exits 0 when the URL answers 200 within 5 s, else 1. The container images' health
 * check (docker-compose.yml), which needs no curl in the image.
 */
public final class HealthProbe {

    private HealthProbe() {
    }

    public static void main(String[] args) {
        int code;
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            code = http.send(HttpRequest.newBuilder(URI.create(args[0])).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            code = 0;
        }
        System.exit(code == 200 ? 0 : 1);
    }
}
