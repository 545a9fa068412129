<?xml version="1.0" encoding="UTF-8"?>
<!-- post2pod: shows feed.xml as a readable page in a web browser (podcast apps ignore this file). -->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom"
  xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"
  exclude-result-prefixes="atom itunes">
<xsl:output method="html" encoding="UTF-8" indent="yes" doctype-system="about:legacy-compat"/>

<xsl:variable name="lower" select="'abcdefghijklmnopqrstuvwxyz'"/>
<xsl:variable name="upper" select="'ABCDEFGHIJKLMNOPQRSTUVWXYZ'"/>

<!-- a link only when it is http(s): nothing else from a feed becomes clickable -->
<xsl:template name="web-link">
  <xsl:param name="url"/>
  <xsl:param name="text"/>
  <xsl:variable name="scheme" select="translate(substring-before(normalize-space($url), ':'), $upper, $lower)"/>
  <xsl:if test="$scheme = 'http' or $scheme = 'https'">
    <a href="{normalize-space($url)}"><xsl:value-of select="$text"/></a>
  </xsl:if>
</xsl:template>

<!-- itunes:duration in seconds as m:ss or h:mm:ss -->
<xsl:template name="duration">
  <xsl:param name="value"/>
  <xsl:choose>
    <xsl:when test="contains($value, ':') or string(number($value)) = 'NaN'">
      <xsl:value-of select="$value"/>
    </xsl:when>
    <xsl:otherwise>
      <xsl:variable name="s" select="round(number($value))"/>
      <xsl:if test="$s &gt;= 3600">
        <xsl:value-of select="floor($s div 3600)"/>
        <xsl:text>:</xsl:text>
        <xsl:value-of select="format-number(floor(($s mod 3600) div 60), '00')"/>
      </xsl:if>
      <xsl:if test="$s &lt; 3600">
        <xsl:value-of select="floor($s div 60)"/>
      </xsl:if>
      <xsl:text>:</xsl:text>
      <xsl:value-of select="format-number($s mod 60, '00')"/>
    </xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!-- the feed's folder (its own address without "feed.xml"): files in it are linked relatively, so the
     page works wherever the folder is served -->
<xsl:variable name="feed" select="/rss/channel/atom:link[@rel='self']/@href"/>
<xsl:variable name="folder">
  <xsl:if test="substring($feed, string-length($feed) - 7) = 'feed.xml'">
    <xsl:value-of select="substring($feed, 1, string-length($feed) - 8)"/>
  </xsl:if>
</xsl:variable>

<xsl:template name="local">
  <xsl:param name="url"/>
  <xsl:choose>
    <xsl:when test="string-length($folder) &gt; 0 and starts-with($url, $folder)">
      <xsl:value-of select="substring-after($url, $folder)"/>
    </xsl:when>
    <xsl:otherwise><xsl:value-of select="$url"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<xsl:template match="/">
  <xsl:variable name="channel" select="/rss/channel"/>
  <html>
    <xsl:attribute name="lang">
      <xsl:choose>
        <xsl:when test="normalize-space($channel/language)"><xsl:value-of select="normalize-space($channel/language)"/></xsl:when>
        <xsl:otherwise>en</xsl:otherwise>
      </xsl:choose>
    </xsl:attribute>
    <head>
      <meta charset="utf-8"/>
      <meta name="viewport" content="width=device-width, initial-scale=1"/>
      <meta name="robots" content="noindex"/>
      <title><xsl:value-of select="$channel/title"/> · podcast feed</title>
      <style>
:root { color-scheme: light dark; --bg: #f6f5f2; --card: #fff; --ink: #1d1d1f; --muted: #6b6b70;
  --line: #e4e2dd; --accent: #5b3fd1; --accent-ink: #fff; --note: #fff4d6; }
@media (prefers-color-scheme: dark) { :root { --bg: #151517; --card: #1f1f23; --ink: #f2f2f4;
  --muted: #a0a0a8; --line: #2e2e34; --accent: #a996ff; --accent-ink: #151517; --note: #2c2614; } }
* { box-sizing: border-box }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 17px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif }
a { color: var(--accent) }
a:focus-visible, input:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px }
.wrap { max-width: 780px; margin: 0 auto; padding: 32px 24px }
.note { background: var(--note); border-radius: 12px; padding: 12px 16px; margin: 0 0 28px; font-size: 15px }
.show { display: flex; gap: 28px; align-items: flex-start; margin-bottom: 32px }
.show > div { flex: 1; min-width: 0 }
.cover { width: 160px; height: 160px; flex: none; border-radius: 14px; object-fit: cover }
h1 { margin: 0 0 8px; font-size: 32px; line-height: 1.15; overflow-wrap: anywhere }
h2 { margin: 0 0 14px; font-size: 14px; color: var(--muted); text-transform: uppercase; letter-spacing: .12em }
h3 { margin: 0 0 4px; font-size: 20px; line-height: 1.3; overflow-wrap: anywhere }
.description, .summary { white-space: pre-line; overflow-wrap: anywhere }
.subscribe { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 12px 14px }
.subscribe label { display: block; font-size: 14px; color: var(--muted); margin-bottom: 6px }
.subscribe input { width: 100%; padding: 8px 10px; border: 1px solid var(--line); border-radius: 8px;
  font: 14px ui-monospace, SFMono-Regular, Menlo, monospace; background: var(--bg); color: var(--ink) }
.subscribe p { margin: 8px 0 0; font-size: 14px }
.item { background: var(--card); border: 1px solid var(--line); border-radius: 14px; padding: 18px 20px;
  margin-bottom: 16px }
.meta { margin: 0 0 10px; color: var(--muted); font-size: 14px }
.summary { margin: 0 0 12px }
audio { display: block; width: 100%; margin: 0 0 8px }
.links a { display: inline-block; margin-right: 16px; font-size: 14px; font-weight: 500 }
@media (max-width: 600px) { .show { flex-direction: column; gap: 16px } .cover { width: 120px; height: 120px }
  h1 { font-size: 26px } .wrap { padding: 20px 16px } .item { padding: 16px } }
      </style>
    </head>
    <body>
      <div class="wrap">
        <header>
          <p class="note"><strong>This is a podcast feed.</strong> Podcast apps read this address to get
            every new episode. Copy it into your app to subscribe;
            <a href="index.html">the podcast’s web page</a> has one-tap buttons for popular apps.</p>
          <div class="show">
            <xsl:if test="$channel/itunes:image/@href">
              <img class="cover" alt="" width="160" height="160">
                <xsl:attribute name="src">
                  <xsl:call-template name="local">
                    <xsl:with-param name="url" select="$channel/itunes:image/@href"/>
                  </xsl:call-template>
                </xsl:attribute>
              </img>
            </xsl:if>
            <div>
              <h1><xsl:value-of select="$channel/title"/></h1>
              <p class="description"><xsl:value-of select="$channel/description"/></p>
              <div class="subscribe">
                <label for="feed-url">Subscribe: paste this address into your podcast app</label>
                <input id="feed-url" type="url" readonly="readonly" value="{$feed}"/>
                <p>In your app look for “Add by URL”, “Follow a show by URL” or the search box.</p>
              </div>
            </div>
          </div>
        </header>
        <main>
          <h2>Episodes (<xsl:value-of select="count($channel/item)"/>)</h2>
          <xsl:for-each select="$channel/item">
            <article class="item">
              <h3><xsl:value-of select="title"/></h3>
              <p class="meta">
                <xsl:value-of select="substring(pubDate, 1, 16)"/>
                <xsl:if test="itunes:duration">
                  <xsl:text> · </xsl:text>
                  <xsl:call-template name="duration">
                    <xsl:with-param name="value" select="normalize-space(itunes:duration)"/>
                  </xsl:call-template>
                </xsl:if>
              </p>
              <p class="summary"><xsl:value-of select="description"/></p>
              <xsl:variable name="audio" select="enclosure/@url"/>
              <xsl:variable name="audio-scheme" select="translate(substring-before($audio, ':'), $upper, $lower)"/>
              <xsl:if test="$audio-scheme = 'http' or $audio-scheme = 'https'">
                <audio controls="controls" preload="none">
                  <xsl:attribute name="src">
                    <xsl:call-template name="local">
                      <xsl:with-param name="url" select="$audio"/>
                    </xsl:call-template>
                  </xsl:attribute>
                </audio>
              </xsl:if>
              <p class="links">
                <xsl:call-template name="web-link">
                  <xsl:with-param name="url" select="link"/>
                  <xsl:with-param name="text">Read the post</xsl:with-param>
                </xsl:call-template>
                <xsl:if test="$audio-scheme = 'http' or $audio-scheme = 'https'">
                  <a download="download">
                    <xsl:attribute name="href">
                      <xsl:call-template name="local">
                        <xsl:with-param name="url" select="$audio"/>
                      </xsl:call-template>
                    </xsl:attribute>
                    <xsl:text>Download MP3</xsl:text>
                  </a>
                </xsl:if>
              </p>
            </article>
          </xsl:for-each>
        </main>
      </div>
    </body>
  </html>
</xsl:template>
</xsl:stylesheet>
