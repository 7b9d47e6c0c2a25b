package tms.gateway;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.netty.channel.Channel;

/** The connections on this node on which a terminal has signed in, by TID, so a revoke can close them. */
public final class TerminalConnections {

    private final Map<String, Set<Channel>> byTid = new ConcurrentHashMap<>();

    /** Remembers the connection until it closes. */
    void signedIn(String tid, Channel channel) {
        Set<Channel> channels = byTid.computeIfAbsent(tid, t -> ConcurrentHashMap.newKeySet());
        if (channels.add(channel)) {
            channel.closeFuture().addListener(f -> forget(tid, channel));
        }
    }

    private void forget(String tid, Channel channel) {
        byTid.computeIfPresent(tid, (t, channels) -> {
            channels.remove(channel);
            return channels.isEmpty() ? null : channels;
        });
    }

    /** Closes every connection of the terminal on this node; returns how many were open. */
    int close(String tid) {
        Set<Channel> channels = byTid.remove(tid);
        if (channels == null) {
            return 0;
        }
        channels.forEach(Channel::close);
        return channels.size();
    }

    public int signedInTerminals() {
        return byTid.size();
    }
}
