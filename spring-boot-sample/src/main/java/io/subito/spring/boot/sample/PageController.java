package io.subito.spring.boot.sample;

import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Thymeleaf pages: a public greeting, and the signed-in user's notes (kept in the session). */
@Controller
public class PageController {
    private static final String NOTES = "notes";

    @GetMapping("/hello")
    public String hello(@RequestParam(name = "name", defaultValue = "world") String name, Model model) {
        model.addAttribute("name", name);
        return "hello";
    }

    @GetMapping("/account")
    public String account(Principal user, HttpSession session, Model model) {
        model.addAttribute("user", user.getName());
        model.addAttribute(NOTES, notes(session));
        return "account";
    }

    @PostMapping("/account/notes")
    public String addNote(@RequestParam("note") String note, HttpSession session) {
        List<String> notes = new ArrayList<>(notes(session));
        notes.add(note);
        session.setAttribute(NOTES, notes);
        return "redirect:/account";
    }

    @SuppressWarnings("unchecked")
    private static List<String> notes(HttpSession session) {
        Object n = session.getAttribute(NOTES);
        return n == null ? List.of() : (List<String>) n;
    }
}
