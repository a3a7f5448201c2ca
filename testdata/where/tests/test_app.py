import time


async def test_index():
    time.sleep(0.1)  # want RT101 @test
