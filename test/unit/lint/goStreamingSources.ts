/** Go sources shared by the streaming gRPC tests of the rules and of the quick fixes. */

/**
 * A grpc-go RouteGuide server with one streaming method (signature `method` on line 13) whose body is
 * `body`, from line 14 on; `s.inventory` is a stub client.
 */
export const streamingService = (method: string, body: string) => `package routes

import (
	"net/http"

	"google.golang.org/grpc/metadata"
)

type routeServer struct {
	pb.UnimplementedRouteGuideServer
	inventory pb.InventoryClient
}
func (s *routeServer) ${method} {
${body}
}

func newRouteServer(conn *grpc.ClientConn) *routeServer {
	return &routeServer{inventory: pb.NewInventoryClient(conn)}
}
`;

/** A streaming method's loop reserving each received note's item through the `s.inventory` stub, with `ctx`. */
export const RESERVE_EACH_RECEIVED_NOTE = `	for {
		note, err := stream.Recv()
		if err != nil {
			return err
		}
		if _, err := s.inventory.Reserve(ctx, &pb.ReserveRequest{Sku: note.Message}); err != nil {
			return err
		}
	}`;
