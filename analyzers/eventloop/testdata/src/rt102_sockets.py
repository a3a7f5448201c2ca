# Sockets, DNS, SMTP and FTP block the loop; a sync httpx client's close too.
import ftplib
import smtplib
import socket

import httpx


async def talk(host):
    addr = socket.getaddrinfo(host, 80)  # want RT102 "loop.getaddrinfo"
    sock = socket.create_connection((host, 80))  # want RT102
    sock.sendall(b"ping")  # want RT102
    data = sock.recv(1024)  # want RT102
    with smtplib.SMTP("mail") as smtp:  # want RT102 "aiosmtplib"
        smtp.sendmail("a", ["b"], "x")  # want RT102
    ftplib.FTP("ftp.example")  # want RT102
    client = httpx.Client()
    client.close()  # want RT102
    return addr, data


async def non_blocking(host, loop):
    sock = socket.socket()
    sock.setblocking(False)
    await loop.sock_connect(sock, (host, 80))
    sock.send(b"x")
