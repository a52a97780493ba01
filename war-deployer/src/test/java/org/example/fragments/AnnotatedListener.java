package org.example.fragments;

import jakarta.servlet.annotation.WebListener;

/** A listener declared by annotation only: on the trail exactly when its jar is scanned. */
@WebListener
public class AnnotatedListener extends TrailListener {
}
