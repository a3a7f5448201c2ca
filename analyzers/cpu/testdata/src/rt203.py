def matmul(a, b, n):
    c = [[0] * n for _ in range(n)]
    for i in range(n):  # want RT203 "nested index loops doing arithmetic in function matmul\(\) run in pure Python; use NumPy"
        for j in range(n):
            for k in range(n):
                c[i][j] += a[i][k] * b[k][j]
    return c


def dot_rows(rows, v):
    return [sum(rows[i][j] * v[j] for j in range(len(v))) for i in range(len(rows))]  # want RT203


def names(users):
    for i in range(len(users)):
        for j in range(3):
            print(users[i].name)


def flat(orders):
    for order in orders:
        for item in order.items:
            total = item.price * item.qty


async def on_loop(a):
    for i in range(1000):  # want RT201
        for j in range(1000):
            a[i][j] = a[i][j] * 2
