from django.http import JsonResponse

from .models import Order


async def order_count(request):
    n = Order.objects.count()  # want RT106 "Django ORM query Order.objects.count\(\)"
    first = Order.objects.filter(paid=True).first()  # want RT106
    lazy = Order.objects.filter(paid=True)
    m = await Order.objects.acount()
    return JsonResponse({"n": n})


def sync_view(request):
    return Order.objects.count()
