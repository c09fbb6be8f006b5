package dev.madang.bare;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/**
 * The one route of the bare app: reads a small JSON body and answers a small JSON body, so it pays for the same
 * lambda-http event mapping, routing and Jackson as a Madang route, and nothing else.
 */
@Path("/ping")
public class Ping {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> ping(Map<String, Object> body) {
        return Map.of("pong", body.size());
    }
}
