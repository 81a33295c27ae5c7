package io.github.ecsexecreadiness.check.network;

/** An IPv4 block such as {@code 10.0.0.0/16}; a bare address is a /32. */
record Ipv4Cidr(int network, int prefixLength) {
    static final Ipv4Cidr ANYWHERE = parse("0.0.0.0/0");

    static Ipv4Cidr parse(String text) {
        int slash = text.indexOf('/');
        int prefix = slash < 0 ? 32 : Integer.parseInt(text.substring(slash + 1).strip());
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("not an IPv4 CIDR: " + text);
        }
        String[] octets = (slash < 0 ? text : text.substring(0, slash)).strip().split("\\.", -1);
        if (octets.length != 4) {
            throw new IllegalArgumentException("not an IPv4 CIDR: " + text);
        }
        int address = 0;
        for (String octet : octets) {
            int value = Integer.parseInt(octet);
            if (value < 0 || value > 255) {
                throw new IllegalArgumentException("not an IPv4 CIDR: " + text);
            }
            address = address << 8 | value;
        }
        return new Ipv4Cidr(address & mask(prefix), prefix);
    }

    /** True when every address of {@code other} lies in this block. */
    boolean contains(Ipv4Cidr other) {
        return other.prefixLength >= prefixLength && (other.network & mask(prefixLength)) == network;
    }

    private static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    @Override
    public String toString() {
        return (network >>> 24) + "." + (network >>> 16 & 255) + "." + (network >>> 8 & 255) + "." + (network & 255)
                + "/" + prefixLength;
    }
}
