package dev.osprey.server.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The server's Netty event loops (epoll where available, else NIO) and the OSS listener's channel.
 * It keeps Netty inside this package: {@code OspreyServer} binds, closes and shuts down through it.
 * The operators' listener accepts on the same acceptor loop ({@link #acceptorGroup()}).
 */
public final class HttpTransport {
  private final boolean epoll = Epoll.isAvailable();
  private final Class<? extends ServerChannel> channelType =
      epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
  private final EventLoopGroup bossGroup;
  private final EventLoopGroup workerGroup;
  private Channel serverChannel;

  public HttpTransport() {
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    bossGroup = new MultiThreadIoEventLoopGroup(1, io);
    workerGroup = new MultiThreadIoEventLoopGroup(0, io);
  }

  /** {@code "epoll"} or {@code "nio"}, for the start-up banner. */
  public String name() {
    return epoll ? "epoll" : "nio";
  }

  /** Binds the OSS listener and returns its port (the one chosen when {@code port} is 0). */
  public int bind(String host, int port, HttpChannelInitializer initializer)
      throws InterruptedException {
    serverChannel =
        new ServerBootstrap()
            .group(bossGroup, workerGroup)
            .channel(channelType)
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(initializer)
            .bind(host, port)
            .sync()
            .channel();
    return ((InetSocketAddress) serverChannel.localAddress()).getPort();
  }

  /** The acceptor loop, shared with the operators' listener. */
  public EventLoopGroup acceptorGroup() {
    return bossGroup;
  }

  /** The server channel type that matches the loops. */
  public Class<? extends ServerChannel> channelType() {
    return channelType;
  }

  /** Stops accepting connections on the OSS listener; open connections stay. */
  public void closeListener() {
    if (serverChannel != null) {
      serverChannel.close().syncUninterruptibly();
    }
  }

  /** Shuts the event loops down (after {@link #closeListener()} and the operators' listener). */
  public void shutdown() {
    shutdown(workerGroup);
    shutdown(bossGroup);
  }

  private static void shutdown(EventLoopGroup group) {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
