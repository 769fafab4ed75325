package id.slrt.dashboard.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/** The users of {@code slrt.security.users}: role and region become authorities ROLE_x and REGION_code. */
public class ConfiguredUsers implements UserDetailsService {

    private final Map<String, SecurityProperties.User> users;

    public ConfiguredUsers(List<SecurityProperties.User> users) {
        for (SecurityProperties.User user : users) {
            if (!RegionScope.ROLES.contains(user.role())) {
                throw new IllegalArgumentException("slrt.security.users: " + user.username() + " has role '"
                        + user.role() + "'; use one of " + RegionScope.ROLES);
            }
            if (user.password() == null || !user.password().matches("(\\{bcrypt})?\\$2[aby]\\$.+")) {
                throw new IllegalArgumentException("slrt.security.users: " + user.username()
                        + " needs a bcrypt password hash, not a plain password");
            }
        }
        this.users = users.stream().collect(Collectors.toMap(SecurityProperties.User::username, Function.identity()));
    }

    public static List<GrantedAuthority> authorities(String role, String region) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_" + role));
        if (region != null && !region.isBlank()) {
            authorities.add(new SimpleGrantedAuthority("REGION_" + region.strip()));
        }
        return authorities;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        SecurityProperties.User user = users.get(username);
        if (user == null) {
            throw new UsernameNotFoundException(username);
        }
        String hash = user.password().startsWith("{bcrypt}") ? user.password() : "{bcrypt}" + user.password();
        return User.withUsername(user.username()).password(hash)
                .authorities(authorities(user.role(), user.region())).build();
    }
}
