package io.ecslattice.localcloud.faults;

import java.io.IOException;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The setup the proxy's tests share: one real moto server for the class, and proxies in front of it. */
abstract class ProxyAgainstMoto {

    static MotoServer moto;

    @BeforeAll
    static void startMoto() throws Exception {
        moto = MotoServer.start();
    }

    @AfterAll
    static void stopMoto() throws Exception {
        moto.close();
    }

    /** A proxy on a free loopback port in front of this class's moto. */
    static FaultProxy proxy(FaultPlan plan) throws IOException {
        return FaultProxy.start(new InetSocketAddress("127.0.0.1", 0), moto.endpoint(), plan);
    }
}
