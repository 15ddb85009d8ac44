package io.nubo.image.member;

import io.nubo.image.web.Caller;
import io.nubo.image.web.ImageError;
import io.nubo.shared.validation.ValidatedBody;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v2/images/{id}/members}. */
@RestController
public class MemberController {

    private final MemberService members;

    public MemberController(MemberService members) {
        this.members = members;
    }

    @PostMapping("/v2/images/{id}/members")
    @ValidatedBody("image/member-create.json")
    public MemberBody add(Caller caller, @PathVariable String id, @RequestBody Map<String, Object> body) {
        Object member = body.get("member");
        if (!(member instanceof String m)) {
            throw ImageError.BAD_REQUEST.exception("The request body must be {\"member\": \"<project id>\"}.");
        }
        return MemberBody.of(members.add(id, m, caller));
    }

    @GetMapping("/v2/images/{id}/members")
    public MemberBody.MemberList list(Caller caller, @PathVariable String id) {
        return new MemberBody.MemberList(members.list(id, caller).stream().map(MemberBody::of).toList(),
                "/v2/schemas/members");
    }

    @GetMapping("/v2/images/{id}/members/{member}")
    public MemberBody show(Caller caller, @PathVariable String id, @PathVariable String member) {
        return MemberBody.of(members.show(id, member, caller));
    }

    @PutMapping("/v2/images/{id}/members/{member}")
    @ValidatedBody("image/member-update.json")
    public MemberBody update(Caller caller, @PathVariable String id, @PathVariable String member,
                             @RequestBody Map<String, Object> body) {
        Object status = body.get("status");
        if (!(status instanceof String s)) {
            throw ImageError.BAD_REQUEST.exception("The request body must be {\"status\": \"accepted\"} "
                    + "(or pending, rejected).");
        }
        return MemberBody.of(members.update(id, member, s, caller));
    }

    @DeleteMapping("/v2/images/{id}/members/{member}")
    public ResponseEntity<Void> remove(Caller caller, @PathVariable String id, @PathVariable String member) {
        members.remove(id, member, caller);
        return ResponseEntity.noContent().build();
    }
}
