export function NotFoundPage({ homeHref }: { homeHref: string }) {
  return (
    <>
      <h1>Page not found</h1>
      <p>
        <a href={homeHref}>Back to the signup page</a>
      </p>
    </>
  )
}
