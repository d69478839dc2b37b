"""Arabic news about north-east Syria to dated, located incidents.

Rooms: ``read`` (files to articles), ``extract`` (one article to incidents), ``merge``
(several reports to one incident), ``layers`` and ``export`` (GeoDataFrames and files),
``pipeline`` (the whole run) and ``app`` (the map the dashboard shows).
"""
