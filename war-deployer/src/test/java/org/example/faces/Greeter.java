package org.example.faces;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/** A CDI bean the facelet reads through EL: Weld made it, Faces resolved it. */
@Named
@RequestScoped
public class Greeter {
    public String getMessage() {
        return "Hello from Faces and CDI";
    }
}
